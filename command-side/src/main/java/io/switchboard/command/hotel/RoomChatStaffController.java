package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The front office's side of the guests' room threads (seed 001): every room thread of the hotel, its messages,
 * replies and read markers. Any staff member of the hotel may read and answer any room thread; replying makes them a
 * participant. Every command names {@link ConversationKind#GUEST_ROOM}, so these URLs never reach a staff chat.
 */
@RestController
class RoomChatStaffController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/chat/conversations/";

    private final HotelCommands commands;
    private final HotelQueries queries;
    private final MessageDelivery delivery;

    RoomChatStaffController(HotelCommands commands, HotelQueries queries, MessageDelivery delivery) {
        this.commands = commands;
        this.queries = queries;
        this.delivery = delivery;
    }

    @GetMapping(CONVERSATIONS)
    List<RoomConversation> list(AuthenticatedUser user, @PathVariable String hotelSlug,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) Integer offset) {
        AuthenticatedUser staff = HotelAccess.staff(user, hotelSlug);
        return queries.conversations(staff, ConversationKind.GUEST_ROOM, false, ConversationListing.of(limit, offset))
                .stream().map(RoomConversation::of).toList();
    }

    @GetMapping(CONVERSATIONS + "{conversationId}/messages/")
    MessagePageJson<RoomMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                          @PathVariable long conversationId,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(name = "before_id", required = false) Long beforeId) {
        AuthenticatedUser staff = HotelAccess.staff(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        RoomMessage.Thread thread = RoomConversation.thread(
                queries.conversation(staff, conversationId, ConversationKind.GUEST_ROOM));
        return RoomThreads.page(queries, staff.tenant(), conversationId, thread, paging);
    }

    /** Seed 001's {@code send_conversation_message}: a staff reply, answered 201 with the new message. */
    @PostMapping(CONVERSATIONS + "{conversationId}/messages/")
    ResponseEntity<RoomMessage> reply(AuthenticatedUser user, @PathVariable String hotelSlug,
                                      @PathVariable long conversationId, @RequestBody SendMessageRequest request,
                                      @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser staff = HotelAccess.staff(user, hotelSlug);
        MessageDelivery.Delivered delivered = delivery.deliver(conversationId, ConversationKind.GUEST_ROOM, staff,
                request.validated(), requestId);
        // The command answer knows no room: take it from the read model, which has the thread long before any staff
        // member could reply to it (a thread's room and booking never change).
        RoomMessage.Thread thread = queries.find(staff, conversationId).map(RoomConversation::thread)
                .orElse(new RoomMessage.Thread(null, null));
        return delivered.respond(message -> RoomMessage.of(message, thread, List.of()));
    }

    @PostMapping(CONVERSATIONS + "{conversationId}/mark-read/")
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug, @PathVariable long conversationId,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        commands.markRead(conversationId, ConversationKind.GUEST_ROOM, HotelAccess.staff(user, hotelSlug),
                requestId);
        return new MarkedRead(conversationId, true);
    }
}
