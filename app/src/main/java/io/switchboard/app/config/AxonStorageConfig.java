package io.switchboard.app.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import io.switchboard.realtime.hub.Backplane;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Events and tokens go through Axon's JDBC storage engine, not its JPA one: Hibernate 7 on PostgreSQL maps Axon's
 * {@code @Lob} columns to large objects and allocates the global index in steps of 50. With JDBC the Flyway DDL
 * (db/migration/eventstore) alone decides the types: {@code bytea} payloads and a step-1 identity. JPA is left to
 * the read models. Axon's JPA auto-configurations are excluded in application.yml, so its JdbcAutoConfiguration
 * builds the engine, token store and connection provider from these schemas.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfig {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC storage engine as its auto-configuration builds it, but tolerant of unreadable snapshots
     * ({@link SnapshotTolerantEventStorageEngine}; how many were discarded is the metric
     * {@code switchboard.snapshots.discarded}), and chaining each stored event to the previous one of its
     * conversation with an audit hash ({@link ChainingAppendStatement}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager, EventSchema eventSchema,
                                          MeterRegistry meters,
                                          @org.springframework.beans.factory.annotation.Value(
                                                  "${switchboard.eventstore.fetch-size:1000}") int fetchSize) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                // events per query when a processor reads the store (Axon's default, 100, made a read-model
                // rebuild spend a third of its time fetching) and when an aggregate loads
                .batchSize(fetchSize)
                .appendEvents(new ChainingAppendStatement());
        return new SnapshotTolerantEventStorageEngine(builder, Counter.builder("switchboard.snapshots.discarded")
                .description("snapshots that could not be read back; their aggregates were rebuilt from events")
                .register(meters));
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, announcing commits to the other nodes and
     * woken by theirs ({@link AnnouncingEventStore}): a message stored through one node reaches sockets on another
     * in milliseconds, not at the next one-second poll.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  Backplane backplane) {
        AnnouncingEventStore store = new AnnouncingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), backplane);
        backplane.onStoredEventsElsewhere(store::wakeUp);
        return store;
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC resolver only recognises {@link SQLIntegrityConstraintViolationException}, which H2 throws but the
     * PostgreSQL driver does not (it reports SQLState 23505). Without this, two nodes appending the same aggregate
     * sequence would fail hard instead of raising a retryable ConcurrencyException.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLIntegrityConstraintViolationException
                        || cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }
}
