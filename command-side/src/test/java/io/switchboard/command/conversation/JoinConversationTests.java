package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.switchboard.command.conversation.ConversationTestData.AGENT;
import static io.switchboard.command.conversation.ConversationTestData.CUSTOMER;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NEXT_GUEST;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.SUPERVISOR;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.VISITOR;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.joined;
import static io.switchboard.command.conversation.ConversationTestData.started;

class JoinConversationTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static JoinConversation join(AuthenticatedUser user) {
        return new JoinConversation(ID, null, user);
    }

    @Test
    void staffJoinARoomThreadButOtherGuestsDoNot() {
        fixture.given(guestRoomStarted())
                .when(join(STAFF))
                .expectEvents(joined(STAFF));
        fixture.given(guestRoomStarted())
                .when(join(NEXT_GUEST))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void onlyStaffJoinAStaffConversation() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(join(SUPERVISOR))
                .expectEvents(joined(SUPERVISOR));
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(join(CUSTOMER))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void nobodyFromAnotherTenantJoins() {
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER))
                .when(join(FOREIGN_STAFF))
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void anotherKindIsAnUnknownConversation() {
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER))
                .when(new JoinConversation(ID, ConversationKind.LIVE_CHAT, AGENT))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }

    @ParameterizedTest
    @EnumSource(value = ConversationKind.class, names = {"DIRECT", "LIVE_CHAT"})
    void directAndLiveChatTakeNobodyNew(ConversationKind kind) {
        AuthenticatedUser starter = kind == ConversationKind.LIVE_CHAT ? VISITOR : CUSTOMER;
        fixture.given(started(kind, starter, AGENT))
                .when(join(SUPERVISOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void joiningAgainWhileActiveAddsNothing() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(join(AGENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(guestRoomStarted())
                .when(join(GUEST))
                .expectNoEvents();
    }

    @Test
    void aFormerParticipantRejoins() {
        fixture.given(started(ConversationKind.DIRECT, CUSTOMER, AGENT),
                        new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(join(AGENT))
                .expectEvents(joined(AGENT));
    }
}
