package io.switchboard.command.hotel;

import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.hotel.RoomMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The two facts a send's answer needs that the command result does not carry: a resent message's original, and a
 * room thread's room. Both through the query bus with shared-api queries, never a read model's tables.
 */
@Component
class AnswerLookups {

    /** How long a resend waits for its original message to reach the read model before answering without it. */
    static final Duration ORIGINAL_MESSAGE_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final QueryGateway queries;

    AnswerLookups(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * A message that the command side has accepted, once the read model has it: bounded by
     * {@link #ORIGINAL_MESSAGE_WAIT}, after which the caller answers from what it knows.
     */
    Optional<MessageView> awaitMessage(String tenant, long messageId) {
        long deadline = System.nanoTime() + ORIGINAL_MESSAGE_WAIT.toNanos();
        while (true) {
            Optional<MessageView> message = queries.query(new FindMessage(tenant, messageId),
                    ResponseTypes.optionalInstanceOf(MessageView.class)).join();
            if (message.isPresent() || System.nanoTime() - deadline > 0) {
                return message;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
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
}
