package io.switchboard.query.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.RoomMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guest's own room thread, page by page like the staff URL (the command side takes the guest's messages). A
 * guest never names a conversation: the thread is the one of the token's room and booking, so no request can reach
 * another room's thread, nor an earlier booking's thread of the same room.
 */
@RestController
class RoomChatGuestReadController {

    private final HotelQueries queries;

    RoomChatGuestReadController(HotelQueries queries) {
        this.queries = queries;
    }

    /**
     * An empty page with {@code conversation: null} until the read model has the guest's thread: before the
     * guest's first message, and for the few milliseconds the read model trails that message.
     */
    @GetMapping("/api/guest/hotels/{hotelSlug}/chat/messages/")
    MessagePageJson<RoomMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(name = "before_id", required = false) Long beforeId) {
        AuthenticatedUser guest = HotelAccess.requireGuest(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        return queries.guestThread(guest)
                .map(conversation -> queries.roomPage(guest.tenant(), conversation.conversationId(),
                        RoomMessage.Thread.of(conversation), paging))
                .orElseGet(() -> MessagePageJson.empty(null));
    }
}
