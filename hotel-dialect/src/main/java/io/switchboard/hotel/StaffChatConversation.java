package io.switchboard.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.AuthenticatedUser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A staff chat conversation as one of its participants sees it: the creation answer (command side) and a list row
 * (query side) are one shape.
 *
 * @param participants current participants; a name is null for a member whose name nobody has told the server yet
 */
public record StaffChatConversation(long id, String title, List<UserRef> participants,
                                    @JsonProperty("message_count") long messageCount,
                                    @JsonProperty("last_message") StaffChatMessage lastMessage,
                                    @JsonProperty("unread_count") long unreadCount,
                                    @JsonProperty("has_unread") boolean hasUnread,
                                    @JsonProperty("created_at") Instant createdAt,
                                    @JsonProperty("updated_at") Instant updatedAt) {

    public static StaffChatConversation of(ConversationSummary summary) {
        return new StaffChatConversation(summary.conversationId(), summary.subject(),
                summary.participants().stream().filter(ParticipantView::active)
                        .map(participant -> UserRef.of(participant.userId(), participant.name())).toList(),
                summary.messageCount(),
                summary.lastMessage() == null ? null : StaffChatMessage.of(summary.lastMessage()),
                summary.unreadCount(), summary.hasUnread(), summary.createdAt(), summary.updatedAt());
    }

    /**
     * A conversation just started, from the command that started it (the read model may not have it yet): the
     * starter first, as the command side records it.
     *
     * @param at the start time as the read model will store it, so a later list shows the same timestamps
     */
    public static StaffChatConversation started(long id, StartConversation command, Instant at) {
        AuthenticatedUser starter = command.startedBy();
        List<UserRef> participants = new ArrayList<>();
        participants.add(UserRef.of(starter.userId(), starter.name()));
        command.participants().forEach(participant -> participants.add(UserRef.of(participant.userId(),
                participant.name())));
        return new StaffChatConversation(id, command.subject(), List.copyOf(participants), 0, null, 0, false, at, at);
    }
}
