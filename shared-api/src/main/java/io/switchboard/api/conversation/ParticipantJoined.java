package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ParticipantJoined(long conversationId, String tenant, String userId, String name, Role role,
                                Instant joinedAt) {
}
