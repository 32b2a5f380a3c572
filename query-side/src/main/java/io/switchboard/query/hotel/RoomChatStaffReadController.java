package io.switchboard.query.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.RoomMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The front office's view of the guests' room threads (seed 001): every room thread of the hotel and its messages
 * (the command side takes the replies and read markers). Any staff member of the hotel may read any room thread;
 * a staff chat's id is no room thread here (404).
 */
@RestController
class RoomChatStaffReadController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/chat/conversations/";
    /** The existing hotel frontend's spelling (singular {@code hotel}); the same endpoints. */
    private static final String FRONTEND_CONVERSATIONS = "/api/staff/hotel/{hotelSlug}/chat/conversations/";

    private final HotelQueries queries;

    RoomChatStaffReadController(HotelQueries queries) {
        this.queries = queries;
    }

    @GetMapping({CONVERSATIONS, FRONTEND_CONVERSATIONS})
    List<RoomConversation> list(AuthenticatedUser user, @PathVariable String hotelSlug,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) Integer offset) {
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        return queries.conversations(staff, ConversationKind.GUEST_ROOM, false, ConversationListing.of(limit, offset))
                .stream().map(RoomConversation::of).toList();
    }

    /** Unread messages over every room thread of the hotel, for the calling staff member. */
    @GetMapping({CONVERSATIONS + "unread-count/", FRONTEND_CONVERSATIONS + "unread-count/"})
    UnreadCountJson unreadCount(AuthenticatedUser user, @PathVariable String hotelSlug) {
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        return UnreadCountJson.of(listing -> queries.conversations(staff, ConversationKind.GUEST_ROOM, false, listing));
    }

    @GetMapping({CONVERSATIONS + "{conversationId}/messages/", FRONTEND_CONVERSATIONS + "{conversationId}/messages/"})
    MessagePageJson<RoomMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                          @PathVariable("conversationId") String conversationIdSegment,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(name = "before_id", required = false) Long beforeId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        RoomMessage.Thread thread = RoomMessage.Thread.of(
                queries.conversation(staff, conversationId, ConversationKind.GUEST_ROOM));
        return queries.roomPage(staff.tenant(), conversationId, thread, paging);
    }
}
