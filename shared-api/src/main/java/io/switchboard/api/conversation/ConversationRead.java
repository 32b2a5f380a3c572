package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The reader has read every message up to and including {@code upToSequence}. */
@Revision("1")
public record ConversationRead(long conversationId, String tenant, String readerId, Role readerRole,
                               long upToSequence, Instant readAt) {
}
