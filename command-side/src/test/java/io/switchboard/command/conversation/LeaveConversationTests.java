package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.ParticipantLeft;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import static io.switchboard.command.conversation.ConversationTestData.AGENT;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.SUPERVISOR;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.started;

class LeaveConversationTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    @Test
    void anActiveParticipantLeaves() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(new LeaveConversation(ID, ConversationKind.STAFF, AGENT))
                .expectEvents(new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW));
    }

    @Test
    void onlyAnActiveParticipantLeaves() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(new LeaveConversation(ID, null, SUPERVISOR))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT),
                        new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(new LeaveConversation(ID, null, AGENT))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void anotherTenantOrKindCannotReachTheConversation() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(new LeaveConversation(ID, null, FOREIGN_STAFF))
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(new LeaveConversation(ID, ConversationKind.DIRECT, AGENT))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }
}
