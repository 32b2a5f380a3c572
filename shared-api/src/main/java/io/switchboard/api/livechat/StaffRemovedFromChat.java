package io.switchboard.api.livechat;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A supervisor/admin removed a staff member, who leaves ({@code ParticipantLeft}). */
@Revision("1")
public record StaffRemovedFromChat(long conversationId, String tenant, String visitorId, String staffId,
                                   String removedBy, Instant removedAt) {
}
