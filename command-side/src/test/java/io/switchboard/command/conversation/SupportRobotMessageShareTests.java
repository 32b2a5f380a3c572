package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.support.ShareRobotMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.joined;
import static io.switchboard.command.conversation.ConversationTestData.started;
import static io.switchboard.command.conversation.SupportTestData.AGENT;
import static io.switchboard.command.conversation.SupportTestData.CUSTOMER;
import static io.switchboard.command.conversation.SupportTestData.ROBOT;
import static io.switchboard.command.conversation.SupportTestData.ROBOT_MESSAGE_ID;
import static io.switchboard.command.conversation.SupportTestData.history;
import static io.switchboard.command.conversation.SupportTestData.robotSent;
import static io.switchboard.command.conversation.SupportTestData.sent;
import static io.switchboard.command.conversation.SupportTestData.share;
import static io.switchboard.command.conversation.SupportTestData.shared;
import static io.switchboard.command.conversation.SupportTestData.sharedCopy;
import static io.switchboard.command.conversation.SupportTestData.user;
import static io.switchboard.command.conversation.SupportTestData.withRobotMessage;
import static org.hamcrest.Matchers.equalTo;

/**
 * An agent or supervisor in the conversation shares a robot message once: {@code RobotMessageShared}, then a visible
 * copy sent by them. Rules checked who → state → what.
 */
class SupportRobotMessageShareTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    @Test
    void anAgentSharesARobotMessageAsANewTextMessageOfTheirsWithTheNextSequence() {
        fixture.given(withRobotMessage())
                .when(share(AGENT, ROBOT_MESSAGE_ID))
                .expectEvents(shared(ROBOT_MESSAGE_ID, FIRST_MESSAGE_ID, AGENT),
                        sharedCopy(FIRST_MESSAGE_ID, 3, AGENT, "Refunds take 3 days", null, List.of()))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 3, NOW, false));
    }

    @Test
    void theCopyHasTheRobotMessagesTextContentAndAttachments() {
        List<Attachment> attachments = List.of(new Attachment("https://files.example/refund.pdf", "refund.pdf",
                "application/pdf", 1234));
        fixture.given(history(robotSent(ROBOT_MESSAGE_ID, 1, "See the form", "{\"intent\":\"refund\"}",
                        attachments)))
                .when(share(AGENT, ROBOT_MESSAGE_ID))
                .expectEvents(shared(ROBOT_MESSAGE_ID, FIRST_MESSAGE_ID, AGENT),
                        sharedCopy(FIRST_MESSAGE_ID, 2, AGENT, "See the form", "{\"intent\":\"refund\"}",
                                attachments));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"AGENT", "STAFF", "SUPERVISOR", "ADMIN"})
    void agentsSupervisorsAndAdminsInTheConversationShare(Role role) {
        AuthenticatedUser agent = user(role);
        fixture.given(history(joined(agent), robotSent(ROBOT_MESSAGE_ID, 1, "Try restarting")))
                .when(share(agent, ROBOT_MESSAGE_ID))
                .expectEvents(shared(ROBOT_MESSAGE_ID, FIRST_MESSAGE_ID, agent),
                        sharedCopy(FIRST_MESSAGE_ID, 2, agent, "Try restarting", null, List.of()));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CUSTOMER", "ROBOT", "VISITOR", "GUEST", "AUDITOR"})
    void nobodyElseSharesEvenAsAParticipant(Role role) {
        AuthenticatedUser other = user(role);
        fixture.given(history(joined(other), robotSent(ROBOT_MESSAGE_ID, 1, "Try restarting")))
                .when(share(other, ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void anAgentWhoIsNotAnActiveParticipantDoesNotShareAndIsNotJoinedBySharing() {
        fixture.given(withRobotMessage())
                .when(share(user(Role.SUPERVISOR), ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        List<Object> agentLeft = withRobotMessage();
        agentLeft.add(new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW));
        fixture.given(agentLeft)
                .when(share(AGENT, ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void nobodyOfAnotherTenantShares() {
        fixture.given(withRobotMessage())
                .when(share(FOREIGN_STAFF, ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void aCallerWhoseIdsCannotBeStoredIsRefused() {
        fixture.given(withRobotMessage())
                .when(share(AuthenticatedUser.of("agent\u0000", "A", TENANT, Role.AGENT), ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void onlyARobotMessageOfThisConversationIsShared() {
        // the customer's message (500), an id this conversation never had
        for (long messageId : new long[]{500, 999, -1}) {
            fixture.given(withRobotMessage())
                    .when(share(AGENT, messageId))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
        }
    }

    @Test
    void aRobotMessageIsSharedOnce() {
        List<Object> sharedOnce = withRobotMessage();
        sharedOnce.add(shared(ROBOT_MESSAGE_ID, 600, AGENT));
        sharedOnce.add(sharedCopy(600, 3, AGENT, "Refunds take 3 days", null, List.of()));
        fixture.given(sharedOnce)
                .when(share(SupportTestData.AGENT, ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ALREADY_SHARED);
        // the copy is the agent's text message, not a robot message to share in turn
        fixture.given(sharedOnce)
                .when(share(AGENT, 600))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
    }

    @Test
    void sharingOneRobotMessageLeavesTheOthersShareable() {
        fixture.given(history(robotSent(501, 1, "First idea"), robotSent(502, 2, "Second idea"),
                        shared(501, 600, AGENT), sharedCopy(600, 3, AGENT, "First idea", null, List.of())))
                .when(share(AGENT, 502))
                .expectEvents(shared(502, FIRST_MESSAGE_ID, AGENT),
                        sharedCopy(FIRST_MESSAGE_ID, 4, AGENT, "Second idea", null, List.of()));
    }

    @Test
    void aClosedConversationSharesNothing() {
        List<Object> closed = withRobotMessage();
        closed.add(new ChatClosed(ID, TENANT, CUSTOMER.userId(), AGENT.userId(), AGENT.role(),
                ChatClosed.Reason.STAFF_LEFT, NOW));
        fixture.given(closed)
                .when(share(AGENT, ROBOT_MESSAGE_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void onlyTheLatestUnsharedRobotMessagesCanBeShared() {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= RobotMessages.MAX_SHAREABLE + 1; i++) {
            events.add(robotSent(i, i, "idea " + i));
        }
        List<Object> crowded = history(events.toArray());
        fixture.given(crowded)
                .when(share(AGENT, 1))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
        fixture.given(crowded)
                .when(share(AGENT, 2))
                .expectEvents(shared(2, FIRST_MESSAGE_ID, AGENT),
                        sharedCopy(FIRST_MESSAGE_ID, RobotMessages.MAX_SHAREABLE + 2L, AGENT, "idea 2", null,
                                List.of()));
    }

    @Test
    void theKeptRobotMessagesAreBoundedInCharactersButTheLatestAlwaysStays() {
        String longest = "x".repeat(MessageLimits.MAX_TEXT_LENGTH);
        String largestContent = "\"" + "y".repeat(MessageLimits.MAX_CONTENT_LENGTH - 2) + "\"";
        int perMessage = longest.length() + largestContent.length();
        int fitting = RobotMessages.MAX_SHAREABLE_CHARACTERS / perMessage;
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= fitting + 1; i++) {
            events.add(robotSent(i, i, longest, largestContent, List.of()));
        }
        List<Object> large = history(events.toArray());
        fixture.given(large)
                .when(share(AGENT, 1))
                .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
        fixture.given(large)
                .when(share(AGENT, 2))
                .expectSuccessfulHandlerExecution();
        fixture.given(large)
                .when(share(AGENT, fitting + 1L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyTheLatestSharesAreRememberedAnOlderOneIsNoLongerARobotMessage() {
        List<Object> events = new ArrayList<>();
        long sequence = 1;
        for (int i = 1; i <= RobotMessages.REMEMBERED_SHARES + 1; i++) {
            events.add(robotSent(i, sequence++, "idea " + i));
            events.add(shared(i, 10_000 + i, AGENT));
            events.add(sharedCopy(10_000 + i, sequence++, AGENT, "idea " + i, null, List.of()));
        }
        List<Object> manyShares = history(events.toArray());
        fixture.given(manyShares)
                .when(share(AGENT, 1))
                .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
        fixture.given(manyShares)
                .when(share(AGENT, 2))
                .expectExceptionDetails(ErrorCode.ALREADY_SHARED);
    }

    @Test
    void robotMessagesOfOtherKindsAreNotSharedTheirConversationIsUnknown() {
        for (ConversationKind kind : List.of(ConversationKind.STAFF, ConversationKind.DIRECT)) {
            fixture.given(started(kind, AGENT, ROBOT), robotSent(ROBOT_MESSAGE_ID, 1, "beep"))
                    .when(new ShareRobotMessage(ID, AGENT, ROBOT_MESSAGE_ID))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION)
                    .expectExceptionMessage(equalTo("no SUPPORT conversation " + ID));
        }
        fixture.given(started(ConversationKind.LIVE_CHAT, ConversationTestData.VISITOR))
                .when(new ShareRobotMessage(ID, AGENT, ROBOT_MESSAGE_ID))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
        fixture.given(ConversationTestData.guestRoomStarted())
                .when(new ShareRobotMessage(ID, ConversationTestData.STAFF, ROBOT_MESSAGE_ID))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }

    @Test
    void sharedMessagesAreNumberedAfterTheOnesSentMeanwhile() {
        fixture.given(history(robotSent(ROBOT_MESSAGE_ID, 1, "Try restarting"), sent(502, 2, CUSTOMER, "Still?")))
                .when(share(AGENT, ROBOT_MESSAGE_ID))
                .expectEvents(shared(ROBOT_MESSAGE_ID, FIRST_MESSAGE_ID, AGENT),
                        sharedCopy(FIRST_MESSAGE_ID, 3, AGENT, "Try restarting", null, List.of()));
    }
}
