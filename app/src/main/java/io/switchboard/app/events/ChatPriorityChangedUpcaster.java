package io.switchboard.app.events;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatPriorityChanged;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ChatPriorityChanged} revision 1 (and the rows stored before events carried a revision, whose
 * {@code payload_revision} is null) to revision 2, which adds {@code changedByRole}.
 * <p>
 * The old payload did not record the role, but every command carries its actor in the audit metadata the event
 * inherited ({@link AuditMetadata#ACTOR_ID}, {@link AuditMetadata#ACTOR_ROLE}): when that actor is the event's
 * {@code changedBy}, their role is the one they changed the priority in. Otherwise (no or other metadata, an unknown
 * role) the role stays unknown: null. The payload stays under its stored type name; only the revision moves on.
 * <p>
 * Works on Jackson 3 {@link ObjectNode}s, which the event serializer ({@code axon.serializer.events: jackson3})
 * converts stored {@code byte[]} payloads to.
 */
public final class ChatPriorityChangedUpcaster extends SingleEventUpcaster {

    static final String TYPE = ChatPriorityChanged.class.getName();
    static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    static final String FIELD = "changedByRole";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        SerializedType type = representation.getType();
        return TYPE.equals(type.getName()) && (type.getRevision() == null || "1".equals(type.getRevision()));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, ObjectNode.class, payload -> {
            ObjectNode upcast = payload.deepCopy();
            String changedBy = payload.hasNonNull("changedBy") ? payload.get("changedBy").asString() : null;
            Role role = actorRole(representation.getMetaData().getObject(), changedBy);
            if (role == null) {
                upcast.putNull(FIELD);
            } else {
                upcast.put(FIELD, role.name());
            }
            return upcast;
        });
    }

    private static Role actorRole(MetaData metaData, String changedBy) {
        Object actor = metaData.get(AuditMetadata.ACTOR_ID);
        Object role = metaData.get(AuditMetadata.ACTOR_ROLE);
        if (changedBy == null || role == null || !changedBy.equals(String.valueOf(actor))) {
            return null;
        }
        try {
            return Role.fromWire(role.toString());
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
