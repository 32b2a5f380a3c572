package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.MarkVisitorOffline;
import io.switchboard.api.livechat.MarkVisitorOnline;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.switchboard.api.livechat.ChangeChatPriority.MAX_SEVERITY_LEVEL;
import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.OTHER_VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static io.switchboard.command.conversation.LiveChatTestData.closed;
import static io.switchboard.command.conversation.LiveChatTestData.history;
import static io.switchboard.command.conversation.LiveChatTestData.left;
import static io.switchboard.command.conversation.LiveChatTestData.send;
import static io.switchboard.command.conversation.LiveChatTestData.sent;
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.user;
import static io.switchboard.command.conversation.LiveChatTestData.wentOffline;
import static io.switchboard.command.conversation.LiveChatTestData.wentOnline;

/** Severity (flagging) by any staff member, and the visitor's online flag. */
class LiveChatPriorityAndPresenceTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static ChatPriorityChanged priorityChanged(AuthenticatedUser by, int level) {
        return new ChatPriorityChanged(ID, TENANT, VISITOR.userId(), by.userId(), by.role(), level, NOW);
    }

    private static List<Object> closedChat() {
        return history(started(), left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"STAFF", "AGENT", "SUPERVISOR", "ADMIN"})
    void anyStaffRoleOfTheTenantChangesThePriorityInTheChatOrNot(Role role) {
        AuthenticatedUser staff = user(role);
        fixture.given(started())
                .when(new ChangeChatPriority(ID, staff, 3))
                .expectEvents(priorityChanged(staff, 3));
        fixture.given(claimedBy(AGENT))
                .when(new ChangeChatPriority(ID, staff, 1))
                .expectEvents(priorityChanged(staff, 1));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VISITOR", "CUSTOMER", "GUEST", "ROBOT", "AUDITOR"})
    void theVisitorAndOtherNonStaffDoNotChangeThePriority(Role role) {
        fixture.given(started())
                .when(new ChangeChatPriority(ID, user(role), 3))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        fixture.given(started())
                .when(new ChangeChatPriority(ID, VISITOR, 3))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, MAX_SEVERITY_LEVEL + 1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aSeverityOutsideZeroToMaxIsRefused(int level) {
        fixture.given(started())
                .when(new ChangeChatPriority(ID, AGENT, level))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_SEVERITY);
    }

    @Test
    void theHighestSeverityAndBackToNormalAreAccepted() {
        fixture.given(started())
                .when(new ChangeChatPriority(ID, AGENT, MAX_SEVERITY_LEVEL))
                .expectEvents(priorityChanged(AGENT, MAX_SEVERITY_LEVEL));
        fixture.given(started(), priorityChanged(AGENT, 4))
                .when(new ChangeChatPriority(ID, AGENT, 0))
                .expectEvents(priorityChanged(AGENT, 0));
    }

    @Test
    void theSameLevelAgainAddsNothing() {
        fixture.given(started())
                .when(new ChangeChatPriority(ID, AGENT, 0))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), priorityChanged(AGENT, 4))
                .when(new ChangeChatPriority(ID, user(Role.ADMIN), 4))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aClosedChatsPriorityIsNotChanged() {
        fixture.given(closedChat())
                .when(new ChangeChatPriority(ID, AGENT, 2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void theVisitorGoesOfflineAndOnlineAgain() {
        fixture.given(started())
                .when(new MarkVisitorOffline(ID, VISITOR))
                .expectEvents(wentOffline());
        fixture.given(history(claimedBy(AGENT), wentOffline()))
                .when(new MarkVisitorOnline(ID, VISITOR))
                .expectEvents(wentOnline());
    }

    @Test
    void presenceThatDoesNotChangeAddsNothing() {
        fixture.given(started())
                .when(new MarkVisitorOnline(ID, VISITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), wentOffline())
                .when(new MarkVisitorOffline(ID, VISITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(started(), wentOffline(), wentOnline())
                .when(new MarkVisitorOnline(ID, VISITOR))
                .expectNoEvents();
    }

    @Test
    void onlyTheChatsVisitorMarksTheirPresence() {
        AuthenticatedUser staffWithTheVisitorsId = AuthenticatedUser.of(VISITOR.userId(), "Imposter", TENANT,
                Role.AGENT);
        for (AuthenticatedUser notTheVisitor : new AuthenticatedUser[]{OTHER_VISITOR, AGENT, staffWithTheVisitorsId}) {
            fixture.given(claimedBy(AGENT))
                    .when(new MarkVisitorOffline(ID, notTheVisitor))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
            fixture.given(history(claimedBy(AGENT), wentOffline()))
                    .when(new MarkVisitorOnline(ID, notTheVisitor))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        }
    }

    @Test
    void aClosedChatTakesNoPresenceAndRefusesNone() {
        // the disconnect that follows a close is no error
        fixture.given(closedChat())
                .when(new MarkVisitorOffline(ID, VISITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(history(started(), wentOffline(), left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT)))
                .when(new MarkVisitorOnline(ID, VISITOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOfflineVisitorWhoSendsIsOnlineAgainBeforeTheMessage() {
        fixture.given(history(claimedBy(AGENT), wentOffline()))
                .when(send(VISITOR, "back"))
                .expectEvents(wentOnline(), sent(FIRST_MESSAGE_ID, 1, VISITOR, "back"));
    }

    @Test
    void staffSendingToAnOfflineVisitorLeavesThemOffline() {
        fixture.given(history(claimedBy(AGENT), wentOffline()))
                .when(send(AGENT, "are you there?"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT, "are you there?"));
    }
}
