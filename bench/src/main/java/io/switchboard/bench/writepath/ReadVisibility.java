package io.switchboard.bench.writepath;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long after a send a message shows in {@code GET …/messages/}, for a sample of sends: a small pool of poller
 * threads reads the newest page of each conversation that has a sampled message not yet seen, at most once per
 * {@code minInterval} per conversation, so the pollers' own load stays bounded (one page read resolves every
 * pending sample of that conversation). A sample counts as visible when the answer that contains it arrives.
 */
final class ReadVisibility implements AutoCloseable {

    private record Pending(long messageId, long plannedNanos, long answeredNanos) {
    }

    private final HotelApi api;
    private final int pageSize;
    private final long minIntervalNanos;
    private final Map<Long, Queue<Pending>> pending = new ConcurrentHashMap<>();
    private final Map<Long, Long> nextPoll = new ConcurrentHashMap<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final ExecutorService pollers;
    private volatile boolean stopped;

    /** From the planned send instant (as e.i) and from the 201 answer. */
    final Samples fromPlanned = new Samples();
    final Samples fromAnswer = new Samples();

    ReadVisibility(HotelApi api, int threads, int pageSize, Duration minInterval) {
        this.api = api;
        this.pageSize = pageSize;
        this.minIntervalNanos = minInterval.toNanos();
        this.pollers = Executors.newFixedThreadPool(threads, ClosedLoop.daemonThreads("read-poller"));
        for (int t = 0; t < threads; t++) {
            int shard = t;
            pollers.execute(() -> poll(shard, threads));
        }
    }

    void expect(long conversationId, long messageId, long plannedNanos, long answeredNanos) {
        outstanding.incrementAndGet();
        pending.computeIfAbsent(conversationId, id -> new ConcurrentLinkedQueue<>())
                .add(new Pending(messageId, plannedNanos, answeredNanos));
    }

    /** Waits until every expected message was seen or {@code max} passed; returns how many were not seen. */
    long awaitAll(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return outstanding.get();
    }

    long reads() {
        return reads.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        pollers.shutdown();
        pollers.awaitTermination(40, TimeUnit.SECONDS);
    }

    /** Each poller owns the conversations whose id falls in its shard, so no two read the same page at once. */
    private void poll(int shard, int shards) {
        try {
            while (!stopped) {
                boolean polled = false;
                for (Map.Entry<Long, Queue<Pending>> entry : pending.entrySet()) {
                    long conversation = entry.getKey();
                    if (conversation % shards != shard || entry.getValue().isEmpty()
                            || System.nanoTime() < nextPoll.getOrDefault(conversation, 0L)) {
                        continue;
                    }
                    polled = true;
                    nextPoll.put(conversation, System.nanoTime() + minIntervalNanos);
                    List<Long> ids = api.newestMessageIds(conversation, pageSize);
                    long seenAt = System.nanoTime();
                    reads.incrementAndGet();
                    resolve(entry.getValue(), new HashSet<>(ids), seenAt);
                }
                if (!polled) {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void resolve(Queue<Pending> queue, Set<Long> visible, long seenAt) {
        List<Pending> seen = new ArrayList<>();
        for (Pending sample : queue) {
            if (visible.contains(sample.messageId())) {
                seen.add(sample);
            }
        }
        for (Pending sample : seen) {
            if (queue.remove(sample)) {
                fromPlanned.add(seenAt - sample.plannedNanos());
                fromAnswer.add(seenAt - sample.answeredNanos());
                outstanding.decrementAndGet();
            }
        }
    }
}
