package io.switchboard.command.conversation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ids from the database sequences {@code conversation_id_seq} and {@code message_id_seq}, one {@code nextval} per id.
 * <p>
 * One value per call (sequences with {@code CACHE 1}) rather than a locally cached block: a block per node would hand
 * out interleaved, non-monotonic ids across nodes, and "newer message has the bigger id" is what clients paginate
 * by ({@code before_id}). The cost is one round trip per id, inside a command that writes to the same database anyway.
 * Sequence values are not transactional, so a failed command leaves a gap in ids (never in message sequences).
 */
@Component
class SequenceIdProviders implements ConversationIdProvider, MessageIdProvider {

    private final JdbcTemplate jdbc;

    SequenceIdProviders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextConversationId() {
        return next("conversation_id_seq");
    }

    @Override
    public long nextMessageId() {
        return next("message_id_seq");
    }

    private long next(String sequence) {
        Long value = jdbc.queryForObject("select nextval('" + sequence + "')", Long.class);
        if (value == null) {
            throw new IllegalStateException("sequence " + sequence + " returned no value");
        }
        return value;
    }
}
