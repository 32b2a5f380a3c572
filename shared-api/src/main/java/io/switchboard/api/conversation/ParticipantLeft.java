package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ParticipantLeft(long conversationId, String tenant, String userId, Role role, Instant leftAt) {
}
