package io.switchboard.realtime.pusher;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes the Pusher events of one processor batch together, when the batch is about to commit: the conversations
 * of the batch in parallel, each conversation's events in their stored order.
 * <p>
 * Why: each publish is an HTTP round trip to Pusher; one after the other on the processor's single thread, they
 * capped the fan-out at one round trip per message, and at a few hundred messages per second deliveries fell seconds
 * behind. Order only matters within a conversation (a client sees one conversation's channel), so conversations go
 * out side by side. If any publish still fails after its retries, the batch fails before its token moves and the
 * processor retries the whole batch: delivery stays at least once (clients dedupe by {@code meta.event_id}).
 */
final class PusherBatches implements AutoCloseable {

    /** Concurrent HTTP calls to Pusher per processor batch. */
    static final int PARALLELISM = 8;

    private static final String RESOURCE = PusherBatches.class.getName() + ".pending";

    private final PusherPublisher publisher;
    private final ExecutorService senders = Executors.newFixedThreadPool(PARALLELISM, runnable -> {
        Thread thread = new Thread(runnable, "pusher-sender");
        thread.setDaemon(true);
        return thread;
    });

    PusherBatches(PusherPublisher publisher) {
        this.publisher = publisher;
    }

    /** Queues the event for the current batch's commit; outside a unit of work it is published at once. */
    void publish(long conversationId, PusherEvent event) {
        if (!CurrentUnitOfWork.isStarted()) {
            publisher.publish(event);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<Long, List<PusherEvent>> pending = batch.getOrComputeResource(RESOURCE, key -> {
            Map<Long, List<PusherEvent>> byConversation = new LinkedHashMap<>();
            batch.onPrepareCommit(unitOfWork -> flush(byConversation));
            return byConversation;
        });
        pending.computeIfAbsent(conversationId, id -> new ArrayList<>()).add(event);
    }

    private void flush(Map<Long, List<PusherEvent>> byConversation) {
        if (byConversation.size() == 1) {
            byConversation.values().iterator().next().forEach(publisher::publish);
            return;
        }
        List<CompletableFuture<Void>> sends = byConversation.values().stream()
                .map(events -> CompletableFuture.runAsync(() -> events.forEach(publisher::publish), senders))
                .toList();
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
