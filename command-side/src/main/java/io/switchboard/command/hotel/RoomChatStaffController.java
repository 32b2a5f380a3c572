package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.RoomMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The front office's replies and read markers on the guests' room threads (seed 001; the query side serves the
 * lists and pages). Any staff member of the hotel may answer any room thread; replying makes them a participant.
 * Every command names {@link ConversationKind#GUEST_ROOM}, so these URLs never reach a staff chat.
 */
@RestController
class RoomChatStaffController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/chat/conversations/";
    /** The existing hotel frontend's spelling (singular {@code hotel}); the same endpoints. */
    private static final String FRONTEND_CONVERSATIONS = "/api/staff/hotel/{hotelSlug}/chat/conversations/";

    private final HotelCommands commands;
    private final MessageDelivery delivery;
    private final AnswerLookups lookups;

    RoomChatStaffController(HotelCommands commands, MessageDelivery delivery, AnswerLookups lookups) {
        this.commands = commands;
        this.delivery = delivery;
        this.lookups = lookups;
    }

    /**
     * Seed 001's {@code send_conversation_message}: a staff reply, answered 201 with the new message. The existing
     * frontend posts the same body to {@code …/messages/send/}.
     */
    @PostMapping({CONVERSATIONS + "{conversationId}/messages/", CONVERSATIONS + "{conversationId}/messages/send/",
            FRONTEND_CONVERSATIONS + "{conversationId}/messages/",
            FRONTEND_CONVERSATIONS + "{conversationId}/messages/send/"})
    ResponseEntity<RoomMessage> reply(AuthenticatedUser user, @PathVariable String hotelSlug,

                                      @PathVariable("conversationId") String conversationIdSegment,
                                      @RequestBody SendMessageRequest request,
                                      @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        MessageDelivery.Delivered delivered = delivery.deliver(conversationId, ConversationKind.GUEST_ROOM, staff,
                request.validated(), requestId);
        // The command's answer carries no room (see AnswerLookups#roomThread for why the read model may tell).
        RoomMessage.Thread thread = lookups.roomThread(staff, conversationId);
        return delivered.respond(message -> RoomMessage.of(message, thread, List.of()));
    }

    @PostMapping({CONVERSATIONS + "{conversationId}/mark-read/", FRONTEND_CONVERSATIONS + "{conversationId}/mark-read/"})
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug,
                        @PathVariable("conversationId") String conversationIdSegment,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        commands.markRead(conversationId, ConversationKind.GUEST_ROOM, HotelAccess.requireStaff(user, hotelSlug),
                requestId);
        return new MarkedRead(conversationId, true);
    }
}
