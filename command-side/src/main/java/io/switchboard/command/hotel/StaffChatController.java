package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * Staff-to-staff chat of one hotel (seeds 000, 001). Only participants read, write or mark a conversation read;
 * other staff of the hotel get 403, staff of another hotel 404. Every command names {@link ConversationKind#STAFF},
 * so these URLs never reach a guest's room thread.
 */
@RestController
class StaffChatController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/staff-chat/conversations/";

    private final HotelCommands commands;
    private final HotelQueries queries;
    private final MessageDelivery delivery;
    private final Clock clock;

    StaffChatController(HotelCommands commands, HotelQueries queries, MessageDelivery delivery, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.delivery = delivery;
        this.clock = clock;
    }

    @PostMapping(CONVERSATIONS)
    @ResponseStatus(HttpStatus.CREATED)
    StaffChatConversation create(AuthenticatedUser user, @PathVariable String hotelSlug,
                                 @RequestBody CreateStaffChatRequest request,
                                 @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        StartConversation command = request.command(HotelAccess.staff(user, hotelSlug));
        long id = commands.start(command, requestId);
        return StaffChatConversation.started(id, command, StoredTime.of(clock.instant()));
    }

    /** The caller's conversations, most recent activity first. */
    @GetMapping(CONVERSATIONS)
    List<StaffChatConversation> list(AuthenticatedUser user, @PathVariable String hotelSlug,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) Integer offset) {
        AuthenticatedUser staff = HotelAccess.staff(user, hotelSlug);
        return queries.conversations(staff, ConversationKind.STAFF, true, ConversationListing.of(limit, offset))
                .stream().map(StaffChatConversation::of).toList();
    }

    @GetMapping(CONVERSATIONS + "{conversationId}/messages/")
    MessagePageJson<StaffChatMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                               @PathVariable long conversationId,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(name = "before_id", required = false) Long beforeId) {
        AuthenticatedUser member = HotelAccess.staff(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        requireParticipant(member, conversationId);
        return MessagePageJson.of(conversationId, queries.page(member.tenant(), conversationId, paging),
                StaffChatMessage::of);
    }

    @PostMapping(CONVERSATIONS + "{conversationId}/mark-read/")
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug, @PathVariable long conversationId,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        commands.markRead(conversationId, ConversationKind.STAFF, HotelAccess.staff(user, hotelSlug), requestId);
        return new MarkedRead(conversationId, true);
    }

    /** Seed 000's URL, exactly; the 201 answer is the message in the shape of the Pusher event's payload. */
    @PostMapping("/api/staff-chat/{hotelSlug}/conversations/{conversationId}/send-message/")
    ResponseEntity<StaffChatMessage> send(AuthenticatedUser user, @PathVariable String hotelSlug,
                                          @PathVariable long conversationId, @RequestBody SendMessageRequest request,
                                          @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser sender = HotelAccess.staff(user, hotelSlug);
        return delivery.deliver(conversationId, ConversationKind.STAFF, sender, request.validated(), requestId)
                .respond(StaffChatMessage::of);
    }

    private void requireParticipant(AuthenticatedUser staff, long conversationId) {
        ConversationSummary conversation = queries.conversation(staff, conversationId, ConversationKind.STAFF);
        boolean member = conversation.participants().stream()
                .anyMatch(participant -> participant.active() && participant.userId().equals(staff.userId()));
        if (!member) {
            throw HotelAccess.forbidden();
        }
    }
}
