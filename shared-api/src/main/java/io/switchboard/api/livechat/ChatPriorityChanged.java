package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * @param changedByRole the role {@code changedBy} acted in (revision 2). Revision-1 events did not record it: they are
 *                      upcast with the role their audit metadata ({@code actorRole}) names for that same actor, or
 *                      null when the metadata names no one or someone else (docs/events.md)
 * @param severityLevel 0 normal; above 0 the chat is flagged (as of {@code changedAt})
 */
@Revision("2")
public record ChatPriorityChanged(long conversationId, String tenant, String visitorId, String changedBy,
                                  Role changedByRole, int severityLevel, Instant changedAt) {
}
