package io.switchboard.api.livechat;

import io.switchboard.api.conversation.query.ParticipantView;

import java.time.Instant;
import java.util.List;

/**
 * One live chat as the read model knows it.
 *
 * @param visitorEmail  the visitor's email when the token had one (the start's {@code subjectReference})
 * @param servingStaff  the claiming (or taking-over) staff member, null while queued
 * @param staff         every active staff participant, the serving one first
 * @param severityLevel 0 normal, above 0 flagged
 * @param flaggedAt     when the severity last went above 0, null when never or since reset to 0
 */
public record LiveChatView(long conversationId, String tenant, String visitorId, String visitorName,
                           String visitorEmail, LiveChatStatus status, boolean visitorOnline, int severityLevel,
                           Instant flaggedAt, ParticipantView servingStaff, List<ParticipantView> staff,
                           Instant startedAt, Instant updatedAt) {
}
