package io.switchboard.command.hotel;

import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.hotel.RoomMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * The two facts a send's answer needs that the command result does not carry: a resent message's original, and a
 * room thread's room. Both through the query bus with shared-api queries, never a read model's tables.
 */
@Component
class AnswerLookups {

    /** How long an answer waits for the read model to catch up before answering from what the command side knows. */
    static final Duration READ_MODEL_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final QueryGateway queries;

    AnswerLookups(QueryGateway queries) {
        this.queries = queries;
    }

    /** A message the command side has accepted (a resend's original), once the read model has it. */
    Optional<MessageView> awaitMessage(String tenant, long messageId) {
        return await(() -> queries.query(new FindMessage(tenant, messageId),
                ResponseTypes.optionalInstanceOf(MessageView.class)).join());
    }

    /** A conversation just started, once the read model has it, so the answer shows the times every GET shows. */
    Optional<ConversationSummary> awaitConversation(AuthenticatedUser viewer, long conversationId) {
        return await(() -> queries.query(new FindConversation(viewer.tenant(), conversationId, viewer.userId()),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).join());
    }

    /**
     * The room and booking of a thread a staff member has just replied to. The read model has the thread long before
     * any staff member could reply to it, and a thread's room and booking never change.
     */
    RoomMessage.Thread roomThread(AuthenticatedUser staff, long conversationId) {
        return queries.query(new FindConversation(staff.tenant(), conversationId, staff.userId()),
                        ResponseTypes.optionalInstanceOf(ConversationSummary.class)).join()
                .map(RoomMessage.Thread::of).orElse(new RoomMessage.Thread(null, null));
    }

    /** Polls until present, bounded by {@link #READ_MODEL_WAIT}; the caller falls back to the command's data. */
    private static <T> Optional<T> await(Supplier<Optional<T>> lookup) {
        long deadline = System.nanoTime() + READ_MODEL_WAIT.toNanos();
        while (true) {
            Optional<T> found = lookup.get();
            if (found.isPresent() || System.nanoTime() - deadline > 0) {
                return found;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }
}
