package io.switchboard.app.config;

import io.micrometer.core.instrument.Counter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Axon's JDBC event storage, except that a snapshot which cannot be read back is ignored: the aggregate is then
 * rebuilt from its events, which are the truth (a snapshot is only a cache).
 * <p>
 * Axon already falls back when reading the snapshot row fails, but it deserializes the payload lazily, later, while
 * the aggregate is being built — where a failure is no longer caught and every command on the conversation fails. A
 * snapshot that once held a client-supplied string Jackson could write but not read ("Broken surrogate pair in property
 * name") broke its conversation that way for good. So the payload is deserialized here, where falling back is
 * possible; the rebuilt aggregate soon takes a fresh snapshot, which replaces the unreadable one.
 */
final class SnapshotTolerantEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger logger = LoggerFactory.getLogger(SnapshotTolerantEventStorageEngine.class);

    private final Counter discarded;

    SnapshotTolerantEventStorageEngine(Builder builder, Counter discarded) {
        super(builder);
        this.discarded = discarded;
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        try {
            Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
            snapshot.ifPresent(DomainEventMessage::getPayload);
            return snapshot;
        } catch (RuntimeException | LinkageError unreadable) {
            discarded.increment();
            logger.warn("Snapshot of aggregate {} cannot be read ({}); rebuilding it from its events",
                    aggregateIdentifier, unreadable.toString());
            return Optional.empty();
        }
    }
}
