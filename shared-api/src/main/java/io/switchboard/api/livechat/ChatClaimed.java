package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A queued chat got its serving staff member (who also joins: a {@code ParticipantJoined} follows). */
@Revision("1")
public record ChatClaimed(long conversationId, String tenant, String visitorId, String staffId, String staffName,
                          Role staffRole, Instant claimedAt) {
}
