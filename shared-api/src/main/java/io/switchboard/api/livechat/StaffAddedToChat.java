package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;

import java.time.Instant;

/** A supervisor/admin added a staff member, who joins ({@code ParticipantJoined}). */
public record StaffAddedToChat(long conversationId, String tenant, String visitorId, String staffId,
                               String staffName, Role staffRole, String addedBy, Instant addedAt) {
}
