package io.switchboard.query.audit;

import java.time.Instant;

/**
 * One stored event of a conversation as auditors see it: its stable type name ({@code EventTypes}), never a Java
 * class name, and the deserialized (upcast) payload.
 */
record AuditedEvent(String eventId, long sequence, String type, String revision, Instant timestamp, String actorId,
                    String actorRole, String dialect, String correlationId, String hash, Object payload) {
}
