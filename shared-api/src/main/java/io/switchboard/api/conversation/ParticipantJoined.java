package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;

import java.time.Instant;

public record ParticipantJoined(long conversationId, String tenant, String userId, String name, Role role,
                                Instant joinedAt) {
}
