package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.command.conversation.ConversationTestData.CountingIds;
import io.switchboard.command.conversation.ConversationTestData.InMemoryKeys;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.sent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guest's first message starts the room's thread in the same command, so the aggregate's message rules decide
 * before the thread exists: a refused first message leaves no conversation and no natural key behind.
 */
class FirstMessageTests {

    private final InMemoryKeys keys = new InMemoryKeys();
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = ConversationTestData.fixture(new CountingIds(), keys);
    }

    private static StartConversation startWith(FirstMessage message) {
        return new StartConversation(ConversationKind.GUEST_ROOM, TENANT, null, List.of(), GUEST, message);
    }

    private static FirstMessage text(String text, String clientMessageId) {
        return new FirstMessage(MessageType.TEXT, text, null, null, clientMessageId);
    }

    private static FirstMessage attachment(Attachment attachment) {
        return new FirstMessage(MessageType.TEXT, "see attached", null, List.of(attachment), null);
    }

    @Test
    void anAcceptedFirstMessageStartsTheThreadWithItAndAnswersIt() {
        fixture.givenNoPriorActivity()
                .when(startWith(text("Could I get more towels?", "c-1")))
                .expectEvents(guestRoomStarted(), sent(FIRST_MESSAGE_ID, 1, GUEST, "Could I get more towels?", "c-1"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 1, NOW, false));
        assertThat(keys.find(TENANT, ConversationKeys.guestRoom("101", "BK-1"))).contains(ID);
    }

    @Test
    void aRefusedFirstMessageStartsNothingAndClaimsNoKey() {
        List<Object[]> refusals = List.of(
                new Object[]{text("nul \u0000", null), ErrorCode.INVALID_CHARACTERS},
                new Object[]{text("lone \uD800", null), ErrorCode.INVALID_CHARACTERS},
                new Object[]{text("  ", null), ErrorCode.MESSAGE_EMPTY},
                new Object[]{text("x", "id-\u0000"), ErrorCode.INVALID_CLIENT_MESSAGE_ID},
                new Object[]{text("x", "\uD800"), ErrorCode.INVALID_CLIENT_MESSAGE_ID},
                new Object[]{attachment(new Attachment("javascript:alert(1)", "a", "text/plain", 1)),
                        ErrorCode.INVALID_ATTACHMENT},
                new Object[]{attachment(new Attachment("https://f.example/a", "a", "x".repeat(256), 1)),
                        ErrorCode.INVALID_ATTACHMENT},
                new Object[]{attachment(new Attachment("https://f.example/a", "a", "\uFFFF", 1)),
                        ErrorCode.INVALID_ATTACHMENT},
                new Object[]{attachment(new Attachment("https://f.example/a", "a", "text/plain",
                        MessageLimits.MAX_ATTACHMENT_SIZE + 1)), ErrorCode.INVALID_ATTACHMENT},
                new Object[]{new FirstMessage(MessageType.SYSTEM, "x", null, null, null), ErrorCode.ROLE_NOT_ALLOWED});
        for (Object[] refusal : refusals) {
            fixture.givenNoPriorActivity()
                    .when(startWith((FirstMessage) refusal[0]))
                    .expectNoEvents()
                    .expectExceptionDetails(refusal[1]);
        }
        assertThat(keys.find(TENANT, ConversationKeys.guestRoom("101", "BK-1"))).isEmpty();
    }

    @Test
    void withoutAFirstMessageTheStartStillAnswersTheNewId() {
        fixture.givenNoPriorActivity()
                .when(startWith(null))
                .expectEvents(guestRoomStarted())
                .expectResultMessagePayload(ID);
    }
}
