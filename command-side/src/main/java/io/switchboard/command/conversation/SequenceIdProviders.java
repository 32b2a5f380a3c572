package io.switchboard.command.conversation;

import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * Ids from the database sequences {@code conversation_id_seq} and {@code message_id_seq}, one {@code nextval} per id.
 * When several commands run in one unit of work (the command bus's group commit), the message ids for all of them are
 * drawn in one round trip when the first is needed and handed out in increasing order: the batch holds the
 * conversation the whole time, so a later message still gets the bigger id, and one round trip per message inside the
 * batch was time the conversation's other senders waited for. Ids a batch does not use are a gap, as after a refusal.
 * <p>
 * One value per call (sequences with {@code CACHE 1}) rather than a locally cached block: a block per node would hand
 * out interleaved, non-monotonic ids across nodes, and "newer message has the bigger id" is what clients paginate
 * by ({@code before_id}). The cost is one round trip per id, inside a command that writes to the same database anyway.
 * Sequence values are not transactional, so a failed command leaves a gap in ids (never in message sequences).
 */
@Component
class SequenceIdProviders implements ConversationIdProvider, MessageIdProvider {

    private static final String DRAWN_MESSAGE_IDS = SequenceIdProviders.class.getName() + ".drawnMessageIds";

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
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)
                || batch.getMessages().size() < 2) {
            return next("message_id_seq");
        }
        Deque<Long> drawn = batch.getOrComputeResource(DRAWN_MESSAGE_IDS, key -> new ArrayDeque<>());
        if (drawn.isEmpty()) {
            // a row per id to draw; VALUES rather than generate_series, which the embedded H2 lacks
            int count = batch.getMessages().size();
            List<Long> block = new ArrayList<>(jdbc.queryForList("select nextval('message_id_seq') from (values "
                    + "(1),".repeat(count - 1) + "(1)) as drawn(n)", Long.class));
            Collections.sort(block);
            drawn.addAll(block);
        }
        return drawn.poll();
    }

    private long next(String sequence) {
        Long value = jdbc.queryForObject("select nextval('" + sequence + "')", Long.class);
        if (value == null) {
            throw new IllegalStateException("sequence " + sequence + " returned no value");
        }
        return value;
    }
}
