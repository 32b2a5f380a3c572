package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.command.conversation.ConversationTestData.CountingIds;
import io.switchboard.command.conversation.ConversationTestData.InMemoryKeys;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.participant;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.KEY;
import static io.switchboard.command.conversation.LiveChatTestData.OTHER_VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.sent;
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static org.assertj.core.api.Assertions.assertThat;

/** A visitor's first message starts a queued live chat; a visitor has at most one open chat (the natural key). */
class LiveChatStartTests {

    private final InMemoryKeys keys = new InMemoryKeys();
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = ConversationTestData.fixture(new CountingIds(), keys);
    }

    private static StartConversation firstMessage(AuthenticatedUser visitor, String text) {
        return new StartConversation(ConversationKind.LIVE_CHAT, TENANT, null, List.of(), visitor,
                new FirstMessage(MessageType.TEXT, text, null, null, null));
    }

    @Test
    void aVisitorsFirstMessageQueuesAChatThatRecordsTheirEmailAndHoldsTheirKey() {
        fixture.givenNoPriorActivity()
                .when(firstMessage(VISITOR, "Hello?"))
                .expectEvents(started(), sent(FIRST_MESSAGE_ID, 1, VISITOR, "Hello?"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 1, NOW, false));
        assertThat(keys.find(TENANT, KEY)).contains(ID);
    }

    @Test
    void aVisitorWithAnOpenChatCannotStartAnotherAndIsToldWhichItIs() {
        keys.claim(TENANT, KEY, 7);
        fixture.givenNoPriorActivity()
                .when(firstMessage(VISITOR, "Hello again"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_EXISTS)
                .expectException(Matchers.predicate(exception -> exception instanceof CommandRejectedException refused
                        && Long.valueOf(7).equals(refused.conversationId())));
    }

    @Test
    void eachVisitorHasAKeyOfTheirOwn() {
        keys.claim(TENANT, KEY, 7);
        fixture.givenNoPriorActivity()
                .when(firstMessage(OTHER_VISITOR, "Hi"))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.find(TENANT, ConversationKeys.liveChat(OTHER_VISITOR.userId()))).contains(ID);
    }

    @Test
    void aLiveChatStartsWithTheVisitorAloneAndARefusedStartClaimsNothing() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.LIVE_CHAT, TENANT, null, List.of(participant(AGENT)),
                        VISITOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }

    @Test
    void listingTheVisitorThemselvesIsNoOtherParticipant() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.LIVE_CHAT, TENANT, null, List.of(participant(VISITOR)),
                        VISITOR))
                .expectEvents(started())
                .expectResultMessagePayload(ID);
    }
}
