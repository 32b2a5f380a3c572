package io.switchboard.api.conversation.query;

import io.switchboard.api.identity.Role;

import java.time.Instant;

public record ReadMarkerView(String userId, Role role, long upToSequence, Instant readAt) {
}
