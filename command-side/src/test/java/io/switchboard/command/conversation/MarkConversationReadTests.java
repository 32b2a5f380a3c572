package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

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
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.sent;
import static io.switchboard.command.conversation.ConversationTestData.started;

class MarkConversationReadTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static MarkConversationRead read(AuthenticatedUser reader, long upToSequence) {
        return new MarkConversationRead(ID, null, reader, upToSequence);
    }

    private static ConversationRead wasRead(AuthenticatedUser reader, long upToSequence) {
        return new ConversationRead(ID, TENANT, reader.userId(), reader.role(), upToSequence, NOW);
    }

    @Test
    void recordsHowFarTheReaderRead() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null), sent(502, 2, GUEST, "b", null))
                .when(read(GUEST, 1))
                .expectEvents(wasRead(GUEST, 1));
    }

    @Test
    void aMarkerPastTheLastMessageMeansEverything() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null), sent(502, 2, GUEST, "b", null))
                .when(read(GUEST, Long.MAX_VALUE))
                .expectEvents(wasRead(GUEST, 2));
    }

    @Test
    void aMarkerThatDoesNotAdvanceAddsNothing() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null), sent(502, 2, GUEST, "b", null),
                        wasRead(GUEST, 2))
                .when(read(GUEST, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(read(GUEST, 0))
                .expectNoEvents();
    }

    @Test
    void nothingToReadAddsNothing() {
        fixture.given(guestRoomStarted())
                .when(read(GUEST, Long.MAX_VALUE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNegativeMarkerIsInvalid() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(read(GUEST, -1))
                .expectExceptionDetails(ErrorCode.INVALID_READ_MARKER);
    }

    @Test
    void whoeverMaySendMarksRead() {
        // staff may send to any room thread of their hotel, so they mark it read without joining it
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(read(STAFF, 1))
                .expectEvents(wasRead(STAFF, 1));
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(read(NEXT_GUEST, 1))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(started(ConversationKind.DIRECT, CUSTOMER, AGENT), sent(501, 1, CUSTOMER, "a", null))
                .when(read(SUPERVISOR, 1))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void anotherTenantOrKindCannotReachTheConversation() {
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(read(FOREIGN_STAFF, 1))
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
        fixture.given(guestRoomStarted(), sent(501, 1, GUEST, "a", null))
                .when(new MarkConversationRead(ID, ConversationKind.STAFF, STAFF, 1))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }
}
