package io.switchboard.api.support;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A robot message was shared: {@code sharedMessageId} is the new visible message (its {@code MessageSent} follows,
 * type TEXT, sender the sharing agent, same text and content as the robot's).
 */
@Revision("1")
public record RobotMessageShared(long conversationId, String tenant, long robotMessageId, long sharedMessageId,
                                 String sharedBy, Instant sharedAt) {
}
