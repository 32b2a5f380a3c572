package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;

import java.time.Instant;

/** A queued chat got its serving staff member (who also joins: a {@code ParticipantJoined} follows). */
public record ChatClaimed(long conversationId, String tenant, String visitorId, String staffId, String staffName,
                          Role staffRole, Instant claimedAt) {
}
