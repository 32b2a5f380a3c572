package io.switchboard.bench.writepath;

import io.switchboard.bench.writepath.HotelApi.SendResult;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed schedule: request {@code i} is planned at {@code start + i / rate}, whatever the server does, and its
 * latency counts from that planned instant, not from when it actually left. So a stalled server shows up as the
 * latency of every request it delayed (no coordinated omission), as users would see it.
 * <p>
 * The window's requests are those planned before its end and answered after its start; planned requests never sent
 * are counted apart ("not sent").
 * <p>
 * At most {@code maxInFlight} requests are outstanding (each is an HTTP/1.1 connection); when all are taken the
 * scheduler waits and sends the overdue requests as soon as a slot frees. Requests still unsent
 * {@code startGrace} after the schedule's end are abandoned and counted as "not sent", so an overloaded server
 * cannot stretch the phase without bound.
 */
final class OpenLoop {

    record Target(long conversationId, String senderId) {
    }

    interface Targets {
        Target target(long index);
    }

    /** Sees every answer, on a sending thread; keep it short. */
    interface Listener {
        void answered(long index, long plannedNanos, boolean measured, Target target, String text, SendResult result);
    }

    private final HotelApi api;
    private final Ledger ledger;
    private final Duration requestTimeout;

    OpenLoop(HotelApi api, Ledger ledger, Duration requestTimeout) {
        this.api = api;
        this.ledger = ledger;
        this.requestTimeout = requestTimeout;
    }

    LoadResult run(String name, String textPrefix, int rate, Duration warmup, Duration measure, int maxInFlight,
                   Duration startGrace, Targets targets, Listener listener) throws InterruptedException {
        long period = 1_000_000_000L / rate;
        long total = (warmup.toNanos() + measure.toNanos()) / period;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureStart = start + warmup.toNanos();
        long measureEnd = measureStart + measure.toNanos();
        long giveUpAt = measureEnd + startGrace.toNanos();
        LoadResult result = new LoadResult(name, measure.toNanos());
        Semaphore inFlight = new Semaphore(maxInFlight);

        for (long i = 0; i < total; i++) {
            long planned = start + i * period;
            for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire() && !inFlight.tryAcquire(giveUpAt - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                for (long unsent = i; unsent < total; unsent++) {
                    long plannedUnsent = start + unsent * period;
                    if (plannedUnsent >= measureStart && plannedUnsent < measureEnd) {
                        result.notSent.incrementAndGet();
                    }
                }
                System.out.printf("  (%s: %d requests not sent: %d in flight until %s after the schedule)%n", name,
                        total - i, maxInFlight, Format.seconds(startGrace.toNanos()));
                break;
            }
            Target target = targets.target(i);
            String text = textPrefix + "-" + i;
            long index = i;
            api.sendAsync(api.sendRequest(target.conversationId(), target.senderId(), text, text))
                    .thenAccept(answer -> {
                        try {
                            ledger.record(target.conversationId(), answer);
                            // planned before the window's end and answered after its start: also a warm-up request
                            // that was still waiting, so a server that never catches up still shows its latencies
                            boolean measured = planned < measureEnd && answer.endNanos() >= measureStart;
                            if (measured) {
                                result.record(answer, answer.endNanos() - planned);
                            }
                            if (answer.created() && answer.endNanos() >= measureStart
                                    && answer.endNanos() <= measureEnd) {
                                result.createdInWindow.incrementAndGet();
                            }
                            listener.answered(index, planned, measured, target, text, answer);
                        } finally {
                            inFlight.release();
                        }
                    });
        }
        long drain = requestTimeout.plusSeconds(10).toNanos();
        if (!inFlight.tryAcquire(maxInFlight, drain, TimeUnit.NANOSECONDS)) {
            System.out.printf("  (%s: %d requests still in flight after %s)%n", name,
                    maxInFlight - inFlight.availablePermits(), Format.seconds(drain));
        }
        return result;
    }
}
