package io.switchboard.api.livechat;

import java.time.Instant;

/** A supervisor/admin removed a staff member, who leaves ({@code ParticipantLeft}). */
public record StaffRemovedFromChat(long conversationId, String tenant, String visitorId, String staffId,
                                   String removedBy, Instant removedAt) {
}
