package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT_2;
import static io.switchboard.command.conversation.LiveChatTestData.OTHER_VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.SUPERVISOR;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.added;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static io.switchboard.command.conversation.LiveChatTestData.closed;
import static io.switchboard.command.conversation.LiveChatTestData.history;
import static io.switchboard.command.conversation.LiveChatTestData.left;
import static io.switchboard.command.conversation.LiveChatTestData.send;
import static io.switchboard.command.conversation.LiveChatTestData.sent;
import static io.switchboard.command.conversation.LiveChatTestData.started;

/** Who sends to a live chat; the shared message rules (sequences, idempotency) apply as to every kind. */
class LiveChatMessageTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    @Test
    void theVisitorSendsWhileQueuedAndWhileClaimed() {
        fixture.given(started(), sent(500, 1, VISITOR, "Hello?"))
                .when(send(VISITOR, "Anyone there?"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 2, VISITOR, "Anyone there?"));
        // a fresh fixture: message ids are drawn from the fixture's counter
        ConversationTestData.fixture().given(claimedBy(AGENT))
                .when(send(VISITOR, "Thanks"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, VISITOR, "Thanks"));
    }

    @Test
    void theServingAndAddedStaffSend() {
        List<Object> chat = history(claimedBy(AGENT), added(AGENT_2));
        fixture.given(chat)
                .when(send(AGENT, "How can I help?"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT, "How can I help?"));
        ConversationTestData.fixture().given(chat)
                .when(send(AGENT_2, "Me too"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT_2, "Me too"));
    }

    @Test
    void staffNotInTheChatDoNotSendEvenSupervisors() {
        fixture.given(started())
                .when(send(AGENT, "claim first"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(claimedBy(AGENT))
                .when(send(SUPERVISOR, "watching"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void anotherVisitorDoesNotSendToTheChat() {
        fixture.given(claimedBy(AGENT))
                .when(send(OTHER_VISITOR, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        // nor does a staff token carrying the visitor's id, nor a visitor token carrying the staff member's
        fixture.given(claimedBy(AGENT))
                .when(send(AuthenticatedUser.of(VISITOR.userId(), "Imposter", TENANT, Role.AGENT), "hi"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(claimedBy(AGENT))
                .when(send(AuthenticatedUser.of(AGENT.userId(), "Imposter", TENANT, Role.VISITOR), "hi"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void aResentMessageIsAnsweredAsBeforeEvenAfterTheClose() {
        fixture.given(history(claimedBy(AGENT), sent(500, 1, VISITOR, "Bye", "c-1"), left(VISITOR),
                        closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT)))
                .when(new SendMessage(ID, ConversationKind.LIVE_CHAT, VISITOR, null, "Bye", null, null, "c-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(ID, 500, 1, NOW, true));
    }

    @Test
    void theVisitorAndStaffInTheChatMarkItReadOthersDoNot() {
        List<Object> chat = history(claimedBy(AGENT), sent(500, 1, VISITOR, "Hello?"));
        fixture.given(chat)
                .when(new MarkConversationRead(ID, ConversationKind.LIVE_CHAT, AGENT, Long.MAX_VALUE))
                .expectEvents(new ConversationRead(ID, TENANT, AGENT.userId(), AGENT.role(), 1, NOW));
        fixture.given(chat)
                .when(new MarkConversationRead(ID, ConversationKind.LIVE_CHAT, AGENT_2, Long.MAX_VALUE))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void nobodyJoinsALiveChatByTheSharedJoinNotEvenFormerParticipants() {
        fixture.given(started())
                .when(new JoinConversation(ID, ConversationKind.LIVE_CHAT, AGENT))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(history(claimedBy(AGENT), added(AGENT_2), left(AGENT_2)))
                .when(new JoinConversation(ID, ConversationKind.LIVE_CHAT, AGENT_2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(claimedBy(AGENT))
                .when(new JoinConversation(ID, ConversationKind.LIVE_CHAT, AGENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
