package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A supervisor/admin replaced the serving staff member, who leaves the chat ({@code ParticipantLeft}); the
 * supervisor joins ({@code ParticipantJoined}), unless they were in the chat already as added staff: then they only
 * move from added to serving.
 */
@Revision("1")
public record ChatTakenOver(long conversationId, String tenant, String visitorId, String supervisorId,
                            String supervisorName, Role supervisorRole, String replacedStaffId, Instant takenOverAt) {
}
