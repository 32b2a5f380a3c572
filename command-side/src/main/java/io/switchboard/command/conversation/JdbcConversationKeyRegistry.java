package io.switchboard.command.conversation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@link ConversationKeyRegistry} on table {@code conversation_key}. JdbcTemplate joins the Spring transaction the
 * command runs in (Axon's unit of work is bound to it), so the claim commits or rolls back with the events.
 */
@Component
class JdbcConversationKeyRegistry implements ConversationKeyRegistry {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcConversationKeyRegistry(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public boolean claim(String tenant, String naturalKey, long conversationId) {
        // ON CONFLICT waits for a concurrent uncommitted claim of the same key and then does nothing if it
        // committed, so of two racing starts exactly one inserts; no unique-violation aborts the transaction.
        int inserted = jdbc.update("insert into conversation_key (tenant, natural_key, conversation_id, claimed_at)"
                        + " values (?, ?, ?, ?) on conflict do nothing",
                tenant, naturalKey, conversationId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        return inserted == 1;
    }

    @Override
    public boolean release(String tenant, String naturalKey, long conversationId) {
        // The row lock taken here makes a concurrent claim of the same key wait for this transaction: once the close
        // commits the claim inserts, if the close rolls back the claim finds the key still held.
        int deleted = jdbc.update("delete from conversation_key where tenant = ? and natural_key = ?"
                + " and conversation_id = ?", tenant, naturalKey, conversationId);
        return deleted == 1;
    }

    @Override
    public Optional<Long> find(String tenant, String naturalKey) {
        return jdbc.queryForList("select conversation_id from conversation_key where tenant = ? and natural_key = ?",
                Long.class, tenant, naturalKey).stream().findFirst();
    }
}
