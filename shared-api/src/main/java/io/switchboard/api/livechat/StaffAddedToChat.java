package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A supervisor/admin added a staff member, who joins ({@code ParticipantJoined}). Added staff are ordered by this event:
 * the earliest one still in the chat serves next when the serving member leaves (see {@code LeaveChat}).
 */
@Revision("1")
public record StaffAddedToChat(long conversationId, String tenant, String visitorId, String staffId,
                               String staffName, Role staffRole, String addedBy, Instant addedAt) {
}
