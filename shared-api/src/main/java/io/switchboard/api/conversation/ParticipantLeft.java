package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;

import java.time.Instant;

public record ParticipantLeft(long conversationId, String tenant, String userId, Role role, Instant leftAt) {
}
