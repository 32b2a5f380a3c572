package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.MessageSent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One connection's view of one conversation's messages: which sequences it was given, so the at-least-once live
 * stream and catch-up reads merge into each sequence once, without gaps. Only ever used on the connection's lane.
 * Delivered sequences are one range, {@code [lowest, highest]}; a resume adds the range below it.
 */
final class ConversationFeed {

    private static final long NONE = -1;

    private final long conversationId;
    private final HubSession session;
    private final ConversationHistory history;
    private final Executor reads;
    private long lowest = NONE;
    private long highest = NONE;

    ConversationFeed(long conversationId, HubSession session, ConversationHistory history, Executor reads) {
        this.conversationId = conversationId;
        this.session = session;
        this.history = history;
        this.reads = reads;
    }

    CompletionStage<Void> live(MessageSent message) {
        long sequence = message.sequence();
        if (highest == NONE) {
            lowest = sequence;
            highest = sequence;
            return sent(session.onMessage(message));
        }
        if (sequence <= highest) {
            return HubSession.DONE; // redelivered, or already read back from the store
        }
        if (sequence == highest + 1) {
            highest = sequence;
            return sent(session.onMessage(message));
        }
        // Never expected from the ordered stream; if it happens, the store has what is missing.
        long from = highest;
        return read(from, sequence - 1).thenCompose(missing -> deliver(missing).thenCompose(done -> {
            if (message.sequence() <= highest) {
                return HubSession.DONE;
            }
            highest = message.sequence();
            return sent(session.onMessage(message));
        }));
    }

    /** Everything after {@code after} this connection was not given yet, ascending, then live messages go on. */
    CompletionStage<Void> resume(long after) {
        if (after < 0) {
            return HubSession.DONE;
        }
        if (highest == NONE) {
            return read(after, Long.MAX_VALUE).thenCompose(messages -> {
                lowest = after + 1;
                highest = after;
                return deliver(messages);
            });
        }
        if (after + 1 >= lowest) {
            return HubSession.DONE;
        }
        long below = lowest;
        // Older than what live delivery already gave this connection: they arrive after it, still ascending.
        return read(after, below - 1).thenCompose(messages -> {
            lowest = after + 1;
            CompletionStage<Void> chain = HubSession.DONE;
            for (MessageSent message : messages) {
                chain = chain.thenCompose(v -> sent(session.onMessage(message)));
            }
            return chain;
        });
    }

    /** Delivers in order, moving {@code highest} along. */
    private CompletionStage<Void> deliver(List<MessageSent> messages) {
        CompletionStage<Void> chain = HubSession.DONE;
        for (MessageSent message : messages) {
            chain = chain.thenCompose(v -> {
                if (message.sequence() <= highest) {
                    return HubSession.DONE;
                }
                highest = message.sequence();
                return sent(session.onMessage(message));
            });
        }
        return chain;
    }

    private static CompletionStage<Void> sent(CompletionStage<?> delivery) {
        return delivery.thenApply(ignored -> null);
    }

    private CompletableFuture<List<MessageSent>> read(long after, long upTo) {
        return CompletableFuture.supplyAsync(() -> history.between(conversationId, after, upTo), reads);
    }
}
