package io.switchboard.bench.writepath;

import io.switchboard.bench.writepath.HotelApi.SendResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N client threads, each a distinct staff member, each sending its next message as soon as the previous one was
 * answered. Runs {@code warmup + measure} (or until {@code maxMessages} were sent), then waits for the requests in
 * flight, which the request timeout bounds.
 */
final class ClosedLoop {

    /** Which conversation the {@code n}-th send of the run (counted over all clients) goes to. */
    interface Targets {
        long conversation(int client, long n);
    }

    /** Sees every answer, e.g. to note the last 201 of a burst; called on the client thread. */
    interface Listener {
        void answered(long conversationId, long n, SendResult result);
    }

    private final HotelApi api;
    private final Ledger ledger;
    private final Duration requestTimeout;

    ClosedLoop(HotelApi api, Ledger ledger, Duration requestTimeout) {
        this.api = api;
        this.ledger = ledger;
        this.requestTimeout = requestTimeout;
    }

    /** A timed phase: a warm-up, then the measured window. */
    LoadResult run(String name, String textPrefix, int clients, Duration warmup, Duration measure, Targets targets)
            throws InterruptedException {
        return run(name, textPrefix, clients, warmup, measure, Long.MAX_VALUE, targets, (c, n, r) -> { });
    }

    /**
     * @param maxMessages stop after this many sends (over all clients); {@code measure} then is only a time cap and
     *                    the window ends at the last answer
     */
    LoadResult run(String name, String textPrefix, int clients, Duration warmup, Duration measure, long maxMessages,
                   Targets targets, Listener listener) throws InterruptedException {
        List<String> senders = HotelApi.senders(clients);
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        AtomicLong sequence = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong(measureStart);
        LoadResult result = new LoadResult(name, measure.toNanos());
        ExecutorService pool = Executors.newFixedThreadPool(clients, daemonThreads(name));
        for (int client = 0; client < clients; client++) {
            int index = client;
            pool.execute(() -> {
                String sender = senders.get(index);
                // shutdownNow interrupts: stop then
                while (System.nanoTime() < measureEnd && !Thread.currentThread().isInterrupted()) {
                    long n = sequence.getAndIncrement();
                    if (n >= maxMessages) {
                        break;
                    }
                    long conversation = targets.conversation(index, n);
                    SendResult answer = api.send(api.sendRequest(conversation, sender, textPrefix + "-" + n,
                            textPrefix + "-" + n));
                    ledger.record(conversation, answer);
                    // every request in flight during the window, also one started in the warm-up: a client
                    // stuck for the whole window must show, not vanish from the figures
                    if (answer.endNanos() >= measureStart && answer.startNanos() < measureEnd) {
                        result.record(answer, answer.latencyNanos());
                    }
                    if (answer.created() && answer.endNanos() >= measureStart && answer.endNanos() <= measureEnd) {
                        result.createdInWindow.incrementAndGet();
                    }
                    lastAnswer.accumulateAndGet(answer.endNanos(), Math::max);
                    listener.answered(conversation, n, answer);
                }
            });
        }
        pool.shutdown();
        long bound = warmup.plus(measure).plus(requestTimeout).plusSeconds(10).toNanos();
        if (!pool.awaitTermination(bound, TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            System.out.println("  (" + name + ": client threads still busy after " + Format.seconds(bound) + ")");
        }
        if (maxMessages != Long.MAX_VALUE) {
            // a counted run: its window is from the first send to the last answer
            result.windowNanos = Math.max(1, lastAnswer.get() - measureStart);
        }
        return result;
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true); // never keep the JVM (exec:java's Maven) alive after the run
            return thread;
        };
    }
}
