package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.TakeOverChat;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.LiveChatTestData.ADMIN;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.SUPERVISOR;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.added;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static io.switchboard.command.conversation.LiveChatTestData.closed;
import static io.switchboard.command.conversation.LiveChatTestData.history;
import static io.switchboard.command.conversation.LiveChatTestData.joined;
import static io.switchboard.command.conversation.LiveChatTestData.left;
import static io.switchboard.command.conversation.LiveChatTestData.send;
import static io.switchboard.command.conversation.LiveChatTestData.sent;
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.takenOver;
import static io.switchboard.command.conversation.LiveChatTestData.user;

class LiveChatTakeOverTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SUPERVISOR", "ADMIN"})
    void aSupervisorOrAdminTakesOverTheServingStaffLeavesAndTheyJoin(Role role) {
        AuthenticatedUser supervisor = user(role);
        fixture.given(claimedBy(AGENT))
                .when(new TakeOverChat(ID, supervisor))
                .expectEvents(takenOver(supervisor, AGENT), left(AGENT), joined(supervisor));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"STAFF", "AGENT", "VISITOR", "CUSTOMER", "GUEST", "ROBOT", "AUDITOR"})
    void onlySupervisorsAndAdminsTakeOver(Role role) {
        fixture.given(claimedBy(AGENT))
                .when(new TakeOverChat(ID, user(role)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void aSupervisorAlreadyAddedToTheChatServesWithoutJoiningTwice() {
        fixture.given(history(claimedBy(AGENT), added(SUPERVISOR)))
                .when(new TakeOverChat(ID, SUPERVISOR))
                .expectEvents(takenOver(SUPERVISOR, AGENT), left(AGENT));
    }

    @Test
    void aQueuedChatIsClaimedNotTakenOver() {
        fixture.given(started())
                .when(new TakeOverChat(ID, SUPERVISOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CHAT_NOT_CLAIMED);
    }

    @Test
    void takingOverFromOneselfIsRefused() {
        fixture.given(claimedBy(SUPERVISOR))
                .when(new TakeOverChat(ID, SUPERVISOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        fixture.given(history(claimedBy(AGENT), takenOver(SUPERVISOR, AGENT), left(AGENT), joined(SUPERVISOR)))
                .when(new TakeOverChat(ID, SUPERVISOR))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void anAdminTakesOverFromTheSupervisorWhoTookOver() {
        fixture.given(history(claimedBy(AGENT), takenOver(SUPERVISOR, AGENT), left(AGENT), joined(SUPERVISOR)))
                .when(new TakeOverChat(ID, ADMIN))
                .expectEvents(takenOver(ADMIN, SUPERVISOR), left(SUPERVISOR), joined(ADMIN));
    }

    @Test
    void aClosedChatIsNotTakenOver() {
        fixture.given(history(claimedBy(AGENT), left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT)))
                .when(new TakeOverChat(ID, SUPERVISOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void theReplacedStaffMemberNoLongerSendsAndTheSupervisorDoes() {
        var takenOverChat = history(claimedBy(AGENT), takenOver(SUPERVISOR, AGENT), left(AGENT), joined(SUPERVISOR));
        fixture.given(takenOverChat)
                .when(send(AGENT, "still here?"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(takenOverChat)
                .when(send(SUPERVISOR, "I'll take it from here"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, SUPERVISOR, "I'll take it from here"));
    }

    @Test
    void aSupervisorOfAnotherTenantCannotReachTheChat() {
        fixture.given(claimedBy(AGENT))
                .when(new TakeOverChat(ID, AuthenticatedUser.of("super-9", "Fy", "galway", Role.SUPERVISOR)))
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }
}
