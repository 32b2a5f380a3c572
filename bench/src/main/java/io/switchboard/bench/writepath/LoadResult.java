package io.switchboard.bench.writepath;

import io.switchboard.bench.writepath.HotelApi.SendResult;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured window of one load phase: throughput is the 2xx answers that arrived inside the window divided by
 * its length; latencies and errors are those of the requests that belong to the window, however late they
 * finished: in a closed loop every request in flight at some point of the window (so a client stuck from the
 * warm-up through the whole window still counts), in an open loop every request planned before its end and
 * answered after its start (latency from the planned instant).
 */
final class LoadResult {

    final String name;
    /** The measured window; a counted run (burst, fill) sets it to first send → last answer afterwards. */
    volatile long windowNanos;
    final Samples latency = new Samples();
    final AtomicLong createdInWindow = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong serverErrors = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong ioErrors = new AtomicLong();
    /** Open loop only: planned requests never sent because too many were in flight until the end of the run. */
    final AtomicLong notSent = new AtomicLong();

    LoadResult(String name, long windowNanos) {
        this.name = name;
        this.windowNanos = windowNanos;
    }

    /** Counts {@code result} for a request of this window; {@code latencyNanos} is what to record on success. */
    void record(SendResult result, long latencyNanos) {
        switch (result.outcome()) {
            case CREATED -> latency.add(latencyNanos);
            case REFUSED -> refused.incrementAndGet();
            case SERVER_ERROR -> serverErrors.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            case IO_ERROR -> ioErrors.incrementAndGet();
        }
    }

    double messagesPerSecond() {
        return createdInWindow.get() / (windowNanos / 1e9);
    }

    /** Non-2xx answers (4xx and 5xx). */
    long non2xx() {
        return refused.get() + serverErrors.get();
    }

    /** Timeouts and connection failures (no HTTP answer). */
    long noAnswer() {
        return timeouts.get() + ioErrors.get();
    }

    String errors() {
        String text = "non-2xx " + non2xx() + " (5xx " + serverErrors.get() + "), timeouts " + timeouts.get();
        if (ioErrors.get() > 0) {
            text += ", connection errors " + ioErrors.get();
        }
        if (notSent.get() > 0) {
            text += ", not sent " + notSent.get();
        }
        return text;
    }

    String line() {
        return String.format("%-40s %8s msg/s  %s  | %s", name, Format.rate(messagesPerSecond()), latency.summary(),
                errors());
    }
}
