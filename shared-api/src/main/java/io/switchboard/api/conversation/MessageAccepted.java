package io.switchboard.api.conversation;

import java.time.Instant;

/**
 * The answer to {@link SendMessage}.
 *
 * @param duplicate true when the client message id had been seen: the ids are the original message's
 */
public record MessageAccepted(long conversationId, long messageId, long sequence, Instant sentAt, boolean duplicate) {
}
