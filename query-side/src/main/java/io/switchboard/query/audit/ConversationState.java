package io.switchboard.query.audit;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.LiveChatStatus;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as it stood at {@code at}, computed by replaying its own events up to that instant. Fields mirror
 * what the read models answer (conversation summary, participants, read states, live-chat view), so an auditor sees
 * what a user saw then.
 *
 * @param active        whether anybody was still an active participant
 * @param eventCount    events up to {@code at}; {@code headHash} is the chain hash of the last of them
 * @param readPositions every reader with a marker, and every participant (a participant without a marker has read
 *                      nothing: readUpTo 0)
 * @param liveChat      for live chats, routing at that instant; null for other kinds
 */
record ConversationState(long conversationId, String tenant, ConversationKind kind, String subject,
                         String subjectReference, Instant at, boolean active, Instant createdAt, Instant updatedAt,
                         long messageCount, long lastSequence, long eventCount, long lastEventSequence,
                         String headHash, List<ParticipantView> participants, List<ReadPosition> readPositions,
                         LiveChatState liveChat, List<MessageView> messages) {

    record ReadPosition(String userId, Role role, long readUpTo, Instant readAt, long unread) {
    }

    /** As {@code LiveChatView}: the serving staff member and the active staff, the serving one first. */
    record LiveChatState(LiveChatStatus status, boolean visitorOnline, int severityLevel, Instant flaggedAt,
                         ParticipantView servingStaff, List<ParticipantView> staff, Instant updatedAt) {
    }
}
