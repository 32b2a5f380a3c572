package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.switchboard.command.conversation.ConversationTestData.AGENT;
import static io.switchboard.command.conversation.ConversationTestData.CUSTOMER;
import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NEXT_GUEST;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.OTHER_ROOM_GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ROBOT;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.SUPERVISOR;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.joined;
import static io.switchboard.command.conversation.ConversationTestData.send;
import static io.switchboard.command.conversation.ConversationTestData.sent;
import static io.switchboard.command.conversation.ConversationTestData.started;

class SendMessageTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static SendMessage message(AuthenticatedUser sender, MessageType type, String text, String content,
                                       List<Attachment> attachments, String clientMessageId) {
        return new SendMessage(ID, null, sender, type, text, content, attachments, clientMessageId);
    }

    private static Attachment attachment(String url) {
        return new Attachment(url, "menu.pdf", "application/pdf", 1234);
    }

    @Test
    void messagesGetGapFreeSequencesIdsFromTheProviderAndTheClockTime() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "Hello", null))
                .when(send(GUEST, "Towels please"))
                .expectEvents(new MessageSent(ID, TENANT, FIRST_MESSAGE_ID, 2, GUEST.userId(), GUEST.name(),
                        GUEST.role(), MessageType.TEXT, "Towels please", null, List.of(), null, NOW))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 2, NOW, false));
    }

    @Test
    void anotherKindIsAnUnknownConversation() {
        fixture.given(guestRoomStarted())
                .when(new SendMessage(ID, ConversationKind.STAFF, STAFF, null, "hi", null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
        fixture.given(guestRoomStarted())
                .when(new SendMessage(ID, ConversationKind.GUEST_ROOM, STAFF, null, "hi", null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aStaffChatRefusesANonStaffTokenWhoseIdIsAListedStaffId() {
        AuthenticatedUser impostor = new AuthenticatedUser(STAFF.userId(), "Not Staff", null, TENANT, Role.GUEST,
                "101", "B-1");
        fixture.given(started(ConversationKind.STAFF, STAFF, SUPERVISOR))
                .when(send(impostor, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void clientMessageIdsAreRecognisedForEachSendersLatestThousand() {
        List<Object> history = new ArrayList<>();
        history.add(guestRoomStarted());
        for (int i = 1; i <= Conversation.REMEMBERED_CLIENT_MESSAGE_IDS + 1; i++) {
            history.add(sent(i, i, GUEST, "m" + i, "client-" + i));
        }
        long next = Conversation.REMEMBERED_CLIENT_MESSAGE_IDS + 2L;
        fixture.given(history)
                .when(send(GUEST, "m1 again", "client-1"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, next, NOW, false));
        fixture.given(history)
                .when(send(GUEST, "m2 again", "client-2"))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(ID, 2, 2, NOW, true));
    }

    @Test
    void senderFromAnotherTenantIsRefused() {
        fixture.given(guestRoomStarted())
                .when(send(FOREIGN_STAFF, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void onlyTheGuestOfTheRoomsBookingSendsToItsThread() {
        fixture.given(guestRoomStarted())
                .when(send(NEXT_GUEST, "Is anyone there?"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(guestRoomStarted())
                .when(send(OTHER_ROOM_GUEST, "Is anyone there?"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void staffNotYetParticipatingJoinsTheRoomThreadThenSends() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "Hello", null))
                .when(send(STAFF, "On their way"))
                .expectEvents(joined(STAFF), sent(FIRST_MESSAGE_ID, 2, STAFF, "On their way", null));
    }

    @Test
    void otherKindsTakeMessagesFromActiveParticipantsOnly() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(send(SUPERVISOR, "hi"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT),
                        new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(send(AGENT, "hi"))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT))
                .when(send(AGENT, "hi"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT, "hi", null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  \n\t"})
    void aMessageWithoutTextContentOrAttachmentIsEmpty(String text) {
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, text, null, List.of(), null))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.MESSAGE_EMPTY);
    }

    @Test
    void contentOrAnAttachmentAloneIsAMessage() {
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, null, "{\"kind\":\"rating\",\"stars\":5}", null, null))
                .expectEvents(new MessageSent(ID, TENANT, FIRST_MESSAGE_ID, 1, GUEST.userId(), GUEST.name(),
                        GUEST.role(), MessageType.TEXT, "", "{\"kind\":\"rating\",\"stars\":5}", List.of(), null,
                        NOW));
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, null, null, List.of(attachment("https://files.example/menu.pdf")), null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void textIsLimited() {
        fixture.given(guestRoomStarted())
                .when(send(GUEST, "x".repeat(MessageLimits.MAX_TEXT_LENGTH + 1)))
                .expectExceptionDetails(ErrorCode.MESSAGE_TOO_LONG);
        fixture.given(guestRoomStarted())
                .when(send(GUEST, "x".repeat(MessageLimits.MAX_TEXT_LENGTH)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void contentIsLimited() {
        String tooLarge = "\"" + "x".repeat(MessageLimits.MAX_CONTENT_LENGTH) + "\"";
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, "hi", tooLarge, null, null))
                .expectExceptionDetails(ErrorCode.CONTENT_TOO_LARGE);
    }

    @Test
    void attachmentsAreLimited() {
        List<Attachment> tooMany = Collections.nCopies(MessageLimits.MAX_ATTACHMENTS + 1,
                attachment("https://files.example/a.png"));
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, "hi", null, tooMany, null))
                .expectExceptionDetails(ErrorCode.TOO_MANY_ATTACHMENTS);
    }

    static Stream<Attachment> invalidAttachments() {
        return Stream.of(
                new Attachment(null, "a.png", "image/png", 1),
                new Attachment(" ", "a.png", "image/png", 1),
                new Attachment("https://f.example/" + "x".repeat(MessageLimits.MAX_ATTACHMENT_URL_LENGTH), "a.png",
                        "image/png", 1),
                new Attachment("https://f.example/a.png", "x".repeat(MessageLimits.MAX_ATTACHMENT_NAME_LENGTH + 1),
                        "image/png", 1),
                new Attachment("https://f.example/a.png", "a.png", "image/png", -1));
    }

    @ParameterizedTest
    @MethodSource("invalidAttachments")
    void attachmentsNeedAUrlWithinLimitsAndNoNegativeSize(Attachment invalid) {
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, "hi", null, List.of(invalid), null))
                .expectExceptionDetails(ErrorCode.INVALID_ATTACHMENT);
    }

    @Test
    void aMissingAttachmentIsInvalid() {
        fixture.given(guestRoomStarted())
                .when(message(GUEST, null, "hi", null, Collections.singletonList(null), null))
                .expectExceptionDetails(ErrorCode.INVALID_ATTACHMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void clientMessageIdIsNonBlankWhenPresent(String clientMessageId) {
        fixture.given(guestRoomStarted())
                .when(send(GUEST, "hi", clientMessageId))
                .expectExceptionDetails(ErrorCode.INVALID_CLIENT_MESSAGE_ID);
    }

    @Test
    void clientMessageIdIsLimited() {
        fixture.given(guestRoomStarted())
                .when(send(GUEST, "hi", "c".repeat(MessageLimits.MAX_CLIENT_MESSAGE_ID_LENGTH + 1)))
                .expectExceptionDetails(ErrorCode.INVALID_CLIENT_MESSAGE_ID);
    }

    @Test
    void robotMessagesComeOnlyFromRobots() {
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER, ROBOT, SUPERVISOR))
                .when(message(SUPERVISOR, MessageType.ROBOT, "beep", null, null, null))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER, ROBOT, SUPERVISOR))
                .when(message(ROBOT, MessageType.ROBOT, "beep", null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void systemMessagesComeOnlyFromRobotsAdminsAndSupervisors() {
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER, AGENT, SUPERVISOR))
                .when(message(AGENT, MessageType.SYSTEM, "closing soon", null, null, null))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        fixture.given(started(ConversationKind.SUPPORT, CUSTOMER, AGENT, SUPERVISOR))
                .when(message(SUPERVISOR, MessageType.SYSTEM, "closing soon", null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void resendingAClientMessageIdAnswersTheOriginalAndAddsNothing() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "Hello", "c-1"),
                        joined(STAFF), sent(502, 2, STAFF, "Hi!", null))
                .when(send(GUEST, "Hello", "c-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(ID, 501, 1, NOW, true));
    }

    @Test
    void clientMessageIdsAreScopedPerSender() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "Hello", "c-1"))
                .when(send(STAFF, "Hello to you", "c-1"))
                .expectEvents(joined(STAFF), sent(FIRST_MESSAGE_ID, 2, STAFF, "Hello to you", "c-1"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 2, NOW, false));
    }

    @Test
    void aResendIsAnsweredWithTheOriginalEvenAfterTheSenderLeft() {
        fixture.given(started(ConversationKind.STAFF, STAFF, AGENT), sent(501, 1, AGENT, "hi", "c-1"),
                        new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(send(AGENT, "hi", "c-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(ID, 501, 1, NOW, true));
    }
}
