package io.switchboard.api.livechat;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The chat ended; the visitor may start a new one (the command side released their natural key in the same
 * transaction). Always preceded by the leaver's {@code ParticipantLeft}; the others in the chat get none.
 */
@Revision("1")
public record ChatClosed(long conversationId, String tenant, String visitorId, String closedBy, Role closedByRole,
                         Reason reason, Instant closedAt) {

    public enum Reason {
        /** The visitor left (seed 004 {@code visitor_leave_room}). */
        VISITOR_LEFT,
        /** The last staff member in the chat left or disconnected ({@code staff_leave_room}, disconnect). */
        STAFF_LEFT
    }
}
