package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
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
import java.util.Optional;

/**
 * The guest's side of a room thread. A guest never names a conversation: the thread is the one of the token's room
 * and booking, so no request can reach another room's thread, nor an earlier booking's thread of the same room.
 * The first message starts the thread.
 */
@RestController
class RoomChatGuestController {

    private static final String CHAT = "/api/guest/hotels/{hotelSlug}/chat/";

    private final HotelCommands commands;
    private final HotelQueries queries;
    private final MessageDelivery delivery;

    RoomChatGuestController(HotelCommands commands, HotelQueries queries, MessageDelivery delivery) {
        this.commands = commands;
        this.queries = queries;
        this.delivery = delivery;
    }

    /** The guest's thread, page by page like the staff URL; an empty page before the guest's first message. */
    @GetMapping(CHAT + "messages/")
    MessagePageJson<RoomMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(name = "before_id", required = false) Long beforeId) {
        AuthenticatedUser guest = HotelAccess.guest(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        return commands.guestConversation(guest)
                .map(id -> RoomThreads.page(queries, guest.tenant(), id, thread(guest), paging))
                .orElseGet(() -> MessagePageJson.empty(null));
    }

    @PostMapping(CHAT + "messages/")
    ResponseEntity<RoomMessage> send(AuthenticatedUser user, @PathVariable String hotelSlug,
                                     @RequestBody SendMessageRequest request,
                                     @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser guest = HotelAccess.guest(user, hotelSlug);
        OutgoingMessage message = request.validated();
        long conversationId = commands.guestConversationStartingIfNeeded(guest, requestId);
        return delivery.deliver(conversationId, ConversationKind.GUEST_ROOM, guest, message, requestId)
                .respond(sent -> RoomMessage.of(sent, thread(guest), List.of()));
    }

    @PostMapping(CHAT + "mark-read/")
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser guest = HotelAccess.guest(user, hotelSlug);
        Optional<Long> conversation = commands.guestConversation(guest);
        conversation.ifPresent(id -> commands.markRead(id, ConversationKind.GUEST_ROOM, guest, requestId));
        return new MarkedRead(conversation.orElse(null), conversation.isPresent());
    }

    private static RoomMessage.Thread thread(AuthenticatedUser guest) {
        return new RoomMessage.Thread(guest.room(), guest.booking());
    }
}
