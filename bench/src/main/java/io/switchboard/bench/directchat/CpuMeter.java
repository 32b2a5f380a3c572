package io.switchboard.bench.directchat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * CPU time of processes (the server node(s), this client) over a window, from {@link ProcessHandle.Info}. On a
 * machine shared with other work, latency moves with the load; CPU per message does much less, and says what the
 * server would sustain on its own: about {@code cores × 1000 / ms per message} messages a second, less PostgreSQL's
 * share.
 */
final class CpuMeter {

    /** CPU used in a window: {@code perMessage} in milliseconds, {@code cores} busy on average. */
    record Usage(double perMessageMillis, double cores) {

        String describe() {
            return String.format(Locale.ROOT, "%.2f ms CPU per message (%.2f cores busy)", perMessageMillis, cores);
        }
    }

    private final List<ProcessHandle> processes;
    private long startCpuNanos;
    private long startNanos;
    private long endCpuNanos;
    private long endNanos;

    CpuMeter(List<ProcessHandle> processes) {
        this.processes = processes;
    }

    void start() {
        startNanos = System.nanoTime();
        startCpuNanos = cpuNanos();
    }

    void stop() {
        endNanos = System.nanoTime();
        endCpuNanos = cpuNanos();
    }

    Usage usage(long messages) {
        double cpu = endCpuNanos - startCpuNanos;
        return new Usage(cpu / 1e6 / Math.max(1, messages), cpu / Math.max(1, endNanos - startNanos));
    }

    private long cpuNanos() {
        long total = 0;
        for (ProcessHandle process : processes) {
            total += process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }
}
