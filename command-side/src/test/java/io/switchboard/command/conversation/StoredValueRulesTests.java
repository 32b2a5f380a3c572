package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.participant;

/**
 * Every value the command side accepts must be storable by every read model (PostgreSQL text cannot hold U+0000,
 * ids live in VARCHAR(255) columns) and safe for a frontend to render, or one request would stop a projection for
 * every tenant.
 */
class StoredValueRulesTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static SendMessage message(String text, String content, List<Attachment> attachments, String clientId) {
        return new SendMessage(ID, null, GUEST, null, text, content, attachments, clientId);
    }

    @Test
    void nullCharactersInTextOrContentAreRefused() {
        fixture.given(guestRoomStarted()).when(message("nul \u0000 here", null, null, null))
                .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CHARACTERS);
        fixture.given(guestRoomStarted()).when(message("hi", "{\"a\":\"\u0000\"}", null, null))
                .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CHARACTERS);
    }

    @Test
    void nullCharacterInAClientMessageIdIsRefused() {
        fixture.given(guestRoomStarted()).when(message("hi", null, null, "id-\u0000"))
                .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CLIENT_MESSAGE_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,<b>x</b>", "/relative/menu.pdf", "ftp://h/f",
            "https://", "not a url"})
    void attachmentUrlsMustBeAbsoluteWebUrls(String url) {
        fixture.given(guestRoomStarted())
                .when(message(null, null, List.of(new Attachment(url, "menu.pdf", "application/pdf", 1)), null))
                .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_ATTACHMENT);
    }

    @Test
    void attachmentSizesStayExactInJavaScriptAndNamesStorable() {
        for (Attachment attachment : List.of(
                new Attachment("https://f.example/a", "a", "text/plain", MessageLimits.MAX_ATTACHMENT_SIZE + 1),
                new Attachment("https://f.example/a", "a\u0000", "text/plain", 1),
                new Attachment("https://f.example/a", "a", "x".repeat(256), 1))) {
            fixture.given(guestRoomStarted()).when(message(null, null, List.of(attachment), null))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_ATTACHMENT);
        }
        fixture.given(guestRoomStarted())
                .when(message(null, null, List.of(new Attachment("HTTPS://f.example/a?b=c", "a", "text/plain",
                        MessageLimits.MAX_ATTACHMENT_SIZE)), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void participantIdsAndNamesAreBoundedAndStorable() {
        for (Participant participant : List.of(new Participant("9".repeat(256), null, Role.STAFF),
                new Participant("46\u0000", null, Role.STAFF), new Participant("46", "N\u0000", Role.STAFF))) {
            fixture.givenNoPriorActivity()
                    .when(new StartConversation(ConversationKind.STAFF, TENANT, null, List.of(participant), STAFF))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        }
    }

    @Test
    void nullCharacterInASubjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, "bill\u0000ing",
                        List.of(participant(STAFF)), STAFF))
                .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
    }

    /** Lone surrogates and non-characters, refused like U+0000: refused, never rewritten. */
    private static final List<String> REFUSED_CHARACTERS = List.of("\u0000", "\uD800", "\uDC00", "\uFFFF", "\uFFFE",
            "\uFDD0", "\uD83F\uDFFF");

    @Test
    void textAndContentMustBeWellFormedUnicodeWithoutNoncharacters() {
        for (String bad : REFUSED_CHARACTERS) {
            fixture.given(guestRoomStarted()).when(message("a" + bad + "b", null, null, null))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CHARACTERS);
            fixture.given(guestRoomStarted()).when(message("hi", "{\"a\":\"" + bad + "\"}", null, null))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CHARACTERS);
        }
    }

    @Test
    void clientMessageIdsMustBeWellFormedBecauseSnapshotsKeyByThem() {
        for (String bad : REFUSED_CHARACTERS) {
            fixture.given(guestRoomStarted()).when(message("hi", null, null, bad))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_CLIENT_MESSAGE_ID);
        }
    }

    @Test
    void attachmentStringsMustBeWellFormed() {
        for (String bad : REFUSED_CHARACTERS) {
            for (Attachment attachment : List.of(
                    new Attachment("https://f.example/" + bad, "a", "text/plain", 1),
                    new Attachment("https://f.example/a", "a" + bad, "text/plain", 1),
                    new Attachment("https://f.example/a", "a", "text/" + bad, 1))) {
                fixture.given(guestRoomStarted()).when(message(null, null, List.of(attachment), null))
                        .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_ATTACHMENT);
            }
        }
    }

    @Test
    void participantsSubjectsAndCallersMustBeWellFormed() {
        for (String bad : REFUSED_CHARACTERS) {
            for (Participant participant : List.of(new Participant("46" + bad, null, Role.STAFF),
                    new Participant("46", "N" + bad, Role.STAFF))) {
                fixture.givenNoPriorActivity()
                        .when(new StartConversation(ConversationKind.STAFF, TENANT, null, List.of(participant), STAFF))
                        .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
            }
            fixture.givenNoPriorActivity()
                    .when(new StartConversation(ConversationKind.SUPPORT, TENANT, "t" + bad,
                            List.of(participant(STAFF)), STAFF))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
            AuthenticatedUser badGuest = new AuthenticatedUser(GUEST.userId(), "Ann" + bad, null, TENANT,
                    Role.GUEST, GUEST.room(), GUEST.booking());
            fixture.given(guestRoomStarted()).when(new SendMessage(ID, null, badGuest, null, "hi", null, null, null))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
            fixture.given(guestRoomStarted())
                    .when(new MarkConversationRead(ID, null, AuthenticatedUser.of("s" + bad, "S", TENANT, Role.STAFF),
                            1))
                    .expectNoEvents().expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        }
    }

    @Test
    void hostileButWellFormedTextIsKeptExactly() {
        String hostile = "\u202Eevil\u202C \uD83D\uDC68\u200D\uD83D\uDC69 e\u0301\u0302 \uFEFF\u0001";
        fixture.given(guestRoomStarted()).when(message(hostile, null, null, hostile))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(
                                org.axonframework.test.matchers.Matchers.predicate(event ->
                                        event instanceof io.switchboard.api.conversation.MessageSent sent
                                                && sent.text().equals(hostile)
                                                && sent.clientMessageId().equals(hostile)),
                                org.axonframework.test.matchers.Matchers.andNoMore())));
    }
}
