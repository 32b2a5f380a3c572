package io.switchboard.query.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.StaffChatConversation;
import io.switchboard.hotel.StaffChatMessage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Staff-to-staff chat of one hotel (seeds 000, 001): the caller's conversations and their messages (the command side
 * takes creations, messages and read markers). Only participants read a conversation; other staff of the hotel get
 * 403, staff of another hotel 404, and a room thread's id is no staff chat here (404).
 */
@RestController
class StaffChatReadController {

    private static final String CONVERSATIONS = "/api/staff/hotels/{hotelSlug}/staff-chat/conversations/";
    /** The existing hotel frontend's spelling (singular {@code hotel}, {@code staff_chat}); the same endpoints. */
    private static final String FRONTEND_CONVERSATIONS = "/api/staff/hotel/{hotelSlug}/staff_chat/conversations/";

    private final HotelQueries queries;

    StaffChatReadController(HotelQueries queries) {
        this.queries = queries;
    }

    /** The caller's conversations, most recent activity first. */
    @GetMapping({CONVERSATIONS, FRONTEND_CONVERSATIONS})
    List<StaffChatConversation> list(AuthenticatedUser user, @PathVariable String hotelSlug,
                                     @RequestParam(required = false) Integer limit,
                                     @RequestParam(required = false) Integer offset) {
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        return queries.conversations(staff, ConversationKind.STAFF, true, ConversationListing.of(limit, offset))
                .stream().map(StaffChatConversation::of).toList();
    }

    /** Unread messages over the caller's staff chats. */
    @GetMapping({CONVERSATIONS + "unread-count/", FRONTEND_CONVERSATIONS + "unread-count/"})
    UnreadCountJson unreadCount(AuthenticatedUser user, @PathVariable String hotelSlug) {
        AuthenticatedUser staff = HotelAccess.requireStaff(user, hotelSlug);
        return UnreadCountJson.of(listing -> queries.conversations(staff, ConversationKind.STAFF, true, listing));
    }

    @GetMapping({CONVERSATIONS + "{conversationId}/messages/", FRONTEND_CONVERSATIONS + "{conversationId}/messages/"})
    MessagePageJson<StaffChatMessage> messages(AuthenticatedUser user, @PathVariable String hotelSlug,
                                               @PathVariable("conversationId") String conversationIdSegment,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(name = "before_id", required = false) Long beforeId) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        AuthenticatedUser member = HotelAccess.requireStaff(user, hotelSlug);
        Paging paging = Paging.of(limit, beforeId);
        requireParticipant(member, conversationId);
        return MessagePageJson.of(conversationId, queries.page(member.tenant(), conversationId, paging),
                StaffChatMessage::of);
    }

    private void requireParticipant(AuthenticatedUser staff, long conversationId) {
        ConversationSummary conversation = queries.conversation(staff, conversationId, ConversationKind.STAFF);
        boolean member = conversation.participants().stream()
                .anyMatch(participant -> participant.active() && participant.userId().equals(staff.userId()));
        if (!member) {
            throw HotelAccess.FORBIDDEN.refusal();
        }
    }
}
