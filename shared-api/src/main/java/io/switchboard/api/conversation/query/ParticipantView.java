package io.switchboard.api.conversation.query;

import io.switchboard.api.identity.Role;

import java.time.Instant;

public record ParticipantView(String userId, String name, Role role, Instant joinedAt, boolean active) {
}
