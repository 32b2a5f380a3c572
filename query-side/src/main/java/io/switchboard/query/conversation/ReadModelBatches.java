package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hands the projections the {@link ReadModelBatch} of the current transaction, creating it on first use and writing
 * it just before the transaction commits. A tracking processor runs each batch of events in one transaction, so a
 * batch of events costs a few selects and a few JDBC batches instead of several statements per event; a test feeding
 * events one transaction each gets one {@link ReadModelBatch} per event.
 */
@Component
class ReadModelBatches {

    /** The events whose conversations a batch loads up front: what the projections of this group handle. */
    private static final Map<Class<?>, Function<Object, Long>> CONVERSATION_OF = Stream.of(
                    ConversationStarted.class, MessageSent.class, ParticipantJoined.class, ParticipantLeft.class,
                    ConversationRead.class, ChatClaimed.class, ChatClosed.class, ChatPriorityChanged.class,
                    ChatTakenOver.class, StaffAddedToChat.class, StaffRemovedFromChat.class,
                    VisitorWentOffline.class, VisitorWentOnline.class)
            .collect(Collectors.toUnmodifiableMap(type -> type, ReadModelBatches::conversationIdAccessor));

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    ReadModelBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Empties a read-model table for a replay, in the reset's transaction. On PostgreSQL a {@code TRUNCATE}
     * (transactional there, and it leaves no dead rows for the replay to wade through); elsewhere (H2, where
     * {@code TRUNCATE} would commit) a {@code DELETE}.
     */
    void clear(String table) {
        jdbc.update((postgres() ? "TRUNCATE TABLE " : "DELETE FROM ") + table);
    }

    /**
     * Before a batch is written: on PostgreSQL its commit need not wait for the disk
     * ({@code synchronous_commit = off}, this transaction only). Safe for a read model: the rows and the processor's
     * token commit together, so a crash can only lose both — the events are then handled again, to the same rows.
     */
    private void beforeWriting() {
        if (postgres()) {
            jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        }
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) connection ->
                    connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                            .contains("postgres"));
            postgres = known;
        }
        return known;
    }

    ReadModelBatch current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("read-model projections run only inside a transaction");
        }
        ReadModelBatch batch = (ReadModelBatch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            ReadModelBatch created = new ReadModelBatch(jdbc, ReadModelBatches::conversationsOfCurrentBatch);
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    beforeWriting();
                    created.flush();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ReadModelBatches.this);
                }
            });
            batch = created;
        }
        return batch;
    }

    /** The conversations of every event in the processor's current batch, or none outside a processor. */
    private static Collection<Long> conversationsOfCurrentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        while (unitOfWork.parent().isPresent()) {
            unitOfWork = unitOfWork.parent().get();
        }
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching)) {
            return List.of();
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (Object message : batching.getMessages()) {
            if (message instanceof EventMessage<?> event) {
                Function<Object, Long> accessor = CONVERSATION_OF.get(event.getPayloadType());
                if (accessor != null) {
                    ids.add(accessor.apply(event.getPayload()));
                }
            }
        }
        return ids;
    }

    private static Function<Object, Long> conversationIdAccessor(Class<?> type) {
        try {
            Method accessor = type.getMethod("conversationId");
            return payload -> {
                try {
                    return (Long) accessor.invoke(payload);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no conversationId()", e);
        }
    }
}
