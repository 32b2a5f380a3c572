package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;

/** A member of a conversation; {@code name} may be null when only the id is known. */
public record Participant(String userId, String name, Role role) {
}
