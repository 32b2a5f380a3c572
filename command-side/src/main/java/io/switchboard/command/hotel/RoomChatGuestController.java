package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.RoomMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/**
 * The guest's sends to a room thread (the query side serves the thread's pages). A guest never names a
 * conversation: the thread is the one of the token's room and booking, so no request can reach another room's
 * thread, nor an earlier booking's thread of the same room. The first message starts the thread.
 */
@RestController
class RoomChatGuestController {

    private static final String CHAT = "/api/guest/hotels/{hotelSlug}/chat/";

    private final HotelCommands commands;
    private final MessageDelivery delivery;

    RoomChatGuestController(HotelCommands commands, MessageDelivery delivery) {
        this.commands = commands;
        this.delivery = delivery;
    }

    @PostMapping(CHAT + "messages/")
    ResponseEntity<RoomMessage> send(AuthenticatedUser user, @PathVariable String hotelSlug,
                                     @RequestBody SendMessageRequest request,
                                     @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser guest = HotelAccess.requireGuest(user, hotelSlug);
        RoomMessage.Thread thread = new RoomMessage.Thread(guest.room(), guest.booking());
        return delivery.deliverAsGuest(guest, request.validated(), requestId)
                .respond(sent -> RoomMessage.of(sent, thread, List.of()));
    }

    @PostMapping(CHAT + "mark-read/")
    MarkedRead markRead(AuthenticatedUser user, @PathVariable String hotelSlug,
                        @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        AuthenticatedUser guest = HotelAccess.requireGuest(user, hotelSlug);
        Optional<Long> conversation = commands.guestConversation(guest);
        conversation.ifPresent(id -> commands.markRead(id, ConversationKind.GUEST_ROOM, guest, requestId));
        return new MarkedRead(conversation.orElse(null), conversation.isPresent());
    }
}
