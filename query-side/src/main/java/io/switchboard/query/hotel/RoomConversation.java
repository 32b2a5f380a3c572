package io.switchboard.query.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;
import io.switchboard.hotel.RoomMessage;
import io.switchboard.hotel.UserRef;

import java.time.Instant;
import java.util.List;

/**
 * A row of seed 001's conversation list: a room's thread as the asking staff member sees it.
 *
 * @param room              the room number
 * @param booking           the booking the thread belongs to (one thread per room booking)
 * @param guest             the guest who started the thread
 * @param participantsStaff staff who take part (they join by replying)
 * @param hasUnread         messages by others after the asking staff member's read marker exist
 */
record RoomConversation(long id, String room, String booking, UserRef guest,
                        @JsonProperty("participants_staff") List<UserRef> participantsStaff,
                        @JsonProperty("message_count") long messageCount,
                        @JsonProperty("last_message") RoomMessage lastMessage,
                        @JsonProperty("unread_count") long unreadCount,
                        @JsonProperty("has_unread") boolean hasUnread,
                        @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("updated_at") Instant updatedAt) {

    static RoomConversation of(ConversationSummary summary) {
        RoomMessage.Thread thread = RoomMessage.Thread.of(summary);
        return new RoomConversation(summary.conversationId(), thread.room(), thread.booking(),
                summary.participants().stream().filter(participant -> participant.role() == Role.GUEST)
                        .findFirst().map(RoomConversation::ref).orElse(null),
                summary.participants().stream()
                        .filter(participant -> participant.active() && participant.role() != null
                                && participant.role().isStaff())
                        .map(RoomConversation::ref).toList(),
                summary.messageCount(),
                summary.lastMessage() == null ? null : RoomMessage.withoutReadState(summary.lastMessage(), thread),
                summary.unreadCount(), summary.hasUnread(), summary.createdAt(), summary.updatedAt());
    }

    private static UserRef ref(ParticipantView participant) {
        return UserRef.of(participant.userId(), participant.name());
    }
}
