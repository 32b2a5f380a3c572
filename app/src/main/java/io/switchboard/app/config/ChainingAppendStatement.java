package io.switchboard.app.config;

import io.switchboard.api.audit.AuditChain;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * Axon's insert of new events, plus the audit hash chain ({@link AuditChain}): each event's metadata gets the hash
 * of the event as it is written, chained to the previous event of its aggregate. Computed here, in the statement that
 * stores the row, so the hash covers exactly the bytes stored — whichever dialect or command caused the event.
 * <p>
 * The previous event's hash is read with one indexed lookup on the same connection (so it sees earlier events of the
 * same transaction), unless this node itself committed that event: the last committed hash per conversation is kept
 * in a bounded map, filled only after the transaction commits. Events are immutable once committed and unique per
 * (aggregate, sequence), so a remembered hash for sequence n-1 is the stored one whichever node appends n.
 */
final class ChainingAppendStatement implements AppendEventsStatementBuilder {

    private static final int REMEMBERED_HEADS = 10_000;

    private final JsonMapper json = JsonMapper.builder().build();
    /**
     * Lock-free (a synchronized LRU map was a contended monitor on a busy node, JFR); bounded by starting over when
     * full: a forgotten head costs one indexed lookup, never a wrong hash.
     */
    private final Map<String, Head> heads = new ConcurrentHashMap<>();

    private record Head(long sequence, String hash) {
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
        Map<String, Head> written = new HashMap<>();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                String timeStamp = formatInstant(event.getTimestamp());
                String previous = previousHash(connection, schema, event, written);
                String hash = AuditChain.hash(previous, new AuditChain.Link(event.getIdentifier(),
                        event.getAggregateIdentifier(), event.getSequenceNumber(), timeStamp,
                        payload.getType().getName(), payload.getType().getRevision(), event.getMetaData(),
                        bytes(payload.getData())));
                written.put(event.getAggregateIdentifier(), new Head(event.getSequenceNumber(), hash));
                SerializedObject<?> metaData = serializer.serialize(
                        MetaData.from(event.getMetaData()).and(AuditChain.HASH_KEY, hash), dataType);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setObject(8, payload.getData());
                statement.setObject(9, metaData.getData());
                statement.addBatch();
            }
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
        rememberAfterCommit(connection, written);
        return statement;
    }

    private String previousHash(Connection connection, EventSchema schema, DomainEventMessage<?> event,
                                Map<String, Head> written) throws SQLException {
        long previousSequence = event.getSequenceNumber() - 1;
        if (previousSequence < 0) {
            return AuditChain.GENESIS;
        }
        Head head = written.get(event.getAggregateIdentifier());
        if (head == null) {
            head = heads.get(event.getAggregateIdentifier());
        }
        if (head != null && head.sequence() == previousSequence) {
            return head.hash();
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT " + schema.metaDataColumn() + " FROM "
                + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND "
                + schema.sequenceNumberColumn() + " = ?")) {
            query.setString(1, event.getAggregateIdentifier());
            query.setLong(2, previousSequence);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? storedHash(row.getBytes(1)) : AuditChain.GENESIS;
            }
        }
    }

    /** The hash in a stored metadata column; {@link AuditChain#GENESIS} for events stored before the chain existed. */
    private String storedHash(byte[] metaData) {
        if (metaData == null) {
            return AuditChain.GENESIS;
        }
        JsonNode hash = json.readTree(metaData).get(AuditChain.HASH_KEY);
        return hash == null || !hash.isString() ? AuditChain.GENESIS : hash.asString();
    }

    private void rememberAfterCommit(Connection connection, Map<String, Head> written) throws SQLException {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(written);
                }
            });
        } else if (connection.getAutoCommit()) {
            // no transaction around the insert: it is committed once executed, and this runs right after
            remember(written);
        }
    }

    private void remember(Map<String, Head> written) {
        if (heads.size() > REMEMBERED_HEADS) {
            heads.clear();
        }
        written.forEach((aggregate, head) -> heads.merge(aggregate, head,
                (old, fresh) -> fresh.sequence() > old.sequence() ? fresh : old));
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    private static byte[] bytes(Object data) {
        if (data instanceof byte[] array) {
            return array;
        }
        throw new IllegalStateException("the event store must write payloads as bytes, not " + data.getClass());
    }
}
