package io.switchboard.api.livechat;

import io.switchboard.api.conversation.query.ParticipantView;

import java.time.Instant;
import java.util.List;

/**
 * One live chat as the read model knows it.
 *
 * @param visitorEmail  the visitor's email when the token had one (the start's {@code subjectReference})
 * @param servingStaff  the claiming (or taking-over) staff member, null while queued; when they leave, the remaining
 *                      staff member who joined first; on a closed chat who served last. Known by id alone (no name
 *                      or role, not active) in the moment between a claim and the staff member's join
 * @param staff         every active staff participant, the serving one first
 * @param severityLevel 0 normal, above 0 flagged
 * @param flaggedAt     when the severity last went above 0, null when never or since reset to 0
 * @param updatedAt     the last change of status, presence, priority or staff (messages do not count)
 */
public record LiveChatView(long conversationId, String tenant, String visitorId, String visitorName,
                           String visitorEmail, LiveChatStatus status, boolean visitorOnline, int severityLevel,
                           Instant flaggedAt, ParticipantView servingStaff, List<ParticipantView> staff,
                           Instant startedAt, Instant updatedAt) {
}
