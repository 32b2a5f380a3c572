package io.switchboard.api.conversation.query;

import io.switchboard.api.conversation.ConversationKind;

import java.time.Instant;
import java.util.List;

/**
 * One conversation as a list row, seen by one viewer.
 *
 * @param participants current and former participants ({@link ParticipantView#active()} tells)
 * @param lastMessage  null for a conversation without messages
 * @param unreadCount  messages by others after the viewer's read marker
 * @param updatedAt    time of the last activity (message or participant change)
 */
public record ConversationSummary(long conversationId, String tenant, ConversationKind kind, String subject,
                                  String subjectReference, List<ParticipantView> participants, long messageCount,
                                  long lastSequence, MessageView lastMessage, long unreadCount, Instant createdAt,
                                  Instant updatedAt) {

    public boolean hasUnread() {
        return unreadCount > 0;
    }
}
