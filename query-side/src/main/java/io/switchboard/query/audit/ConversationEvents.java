package io.switchboard.query.audit;

import io.switchboard.api.audit.AuditChain;
import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.EventTypes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's events straight from the event store, from its first event (never from a snapshot, never from a
 * read model): upcast to the current revision and in sequence order. Auditors' history, state and transcripts all
 * start here.
 */
@Component
class ConversationEvents {

    private final EventStore eventStore;

    ConversationEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Every event of the conversation; empty when it has none (unknown id). */
    List<AuditedEvent> all(long conversationId) {
        return until(conversationId, null);
    }

    /**
     * The events stamped at or before {@code at} (all when null), and nothing after: reading stops at the first later
     * event, so a state early in a long conversation reads only its beginning.
     */
    List<AuditedEvent> until(long conversationId, Instant at) {
        List<AuditedEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(String.valueOf(conversationId), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> next = stream.next();
            if (at != null && next.getTimestamp().isAfter(at)) {
                break;
            }
            events.add(audited(next));
        }
        return events;
    }

    /** Up to {@code max} events with an aggregate sequence above {@code afterSequence}, in order. */
    List<AuditedEvent> after(long conversationId, long afterSequence, int max) {
        List<AuditedEvent> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(String.valueOf(conversationId), afterSequence + 1);
        while (stream.hasNext() && events.size() < max) {
            events.add(audited(stream.next()));
        }
        return events;
    }

    private static AuditedEvent audited(DomainEventMessage<?> event) {
        MetaData meta = event.getMetaData();
        String type = EventTypes.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getSimpleName());
        String revision = event.getPayloadType().isAnnotationPresent(org.axonframework.serialization.Revision.class)
                ? event.getPayloadType().getAnnotation(org.axonframework.serialization.Revision.class).value() : null;
        return new AuditedEvent(event.getIdentifier(), event.getSequenceNumber(), type, revision,
                event.getTimestamp(), text(meta, AuditMetadata.ACTOR_ID), text(meta, AuditMetadata.ACTOR_ROLE),
                text(meta, AuditMetadata.DIALECT), text(meta, AuditMetadata.CORRELATION_ID),
                text(meta, AuditChain.HASH_KEY), event.getPayload());
    }

    private static String text(MetaData meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }
}
