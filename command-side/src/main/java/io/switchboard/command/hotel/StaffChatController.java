package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.StaffChatConversation;
import io.switchboard.hotel.StaffChatMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Staff-to-staff chat of one hotel (seeds 000, 001): creating, writing to and marking a conversation read (the query
 * side serves the lists and pages). The aggregate refuses non-participants (403); staff of another hotel get 404.
 * Every command names {@link ConversationKind#STAFF}, so these URLs never reach a guest's room thread.
 */
@RestController
class StaffChatController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/staff-chat/conversations/";
    /** The existing hotel frontend's spelling (singular {@code hotel}, {@code staff_chat}); the same endpoints. */
    private static final String FRONTEND_CONVERSATIONS = "/api/staff/hotel/{hotelSlug}/staff_chat/conversations/";

    private final HotelCommands commands;
    private final MessageDelivery delivery;
    private final AnswerLookups lookups;
    private final Clock clock;

    StaffChatController(HotelCommands commands, MessageDelivery delivery, AnswerLookups lookups, Clock clock) {
        this.commands = commands;
        this.delivery = delivery;
        this.lookups = lookups;
        this.clock = clock;
    }

    @PostMapping({CONVERSATIONS, FRONTEND_CONVERSATIONS})
    @ResponseStatus(HttpStatus.CREATED)
    StaffChatConversation create(AuthenticatedUser user, @PathVariable String hotelSlug,
                                 @RequestBody CreateStaffChatRequest request,
                                 @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        StartConversation command = request.command(staff);
        long id = commands.start(command, requestId);
        return lookups.awaitConversation(staff, id).map(StaffChatConversation::of)
                .orElseGet(() -> StaffChatConversation.started(id, command, clock.instant()));
    }

    @PostMapping({CONVERSATIONS + "{conversationId}/mark-read/", FRONTEND_CONVERSATIONS + "{conversationId}/mark-read/"})
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug,
                        @PathVariable("conversationId") String conversationIdSegment,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        commands.markRead(conversationId, ConversationKind.STAFF, HotelAccess.requireStaff(user, hotelSlug), requestId);
        return new MarkedRead(conversationId, true);
    }

    /** Seed 000's URL, exactly; the 201 answer is the message in the shape of the Pusher event's payload. */
    @PostMapping({"/api/staff-chat/{hotelSlug}/conversations/{conversationId}/send-message/",
            FRONTEND_CONVERSATIONS + "{conversationId}/send-message/"})
    ResponseEntity<StaffChatMessage> send(AuthenticatedUser user, @PathVariable String hotelSlug,

                                          @PathVariable("conversationId") String conversationIdSegment,
                                          @RequestBody SendMessageRequest request,
                                          @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        AuthenticatedUser sender = HotelAccess.requireStaff(user, hotelSlug);
        return delivery.deliver(conversationId, ConversationKind.STAFF, sender, request.validated(), requestId)
                .respond(StaffChatMessage::of);
    }
}
