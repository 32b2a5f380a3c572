package io.switchboard.bench.writepath;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads; percentiles by the nearest-rank method. */
public final class Samples {

    private long[] values = new long[4096];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    /** The {@code quantile} (0..1) in milliseconds, NaN when empty. */
    public double percentileMillis(double quantile) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    public double meanMillis() {
        long[] all = sorted();
        return all.length == 0 ? Double.NaN : Arrays.stream(all).average().orElseThrow() / 1e6;
    }

    public double maxMillis() {
        long[] sorted = sorted();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** "p50 12.3 ms, p99 45.6 ms" (or "no samples"). */
    public String p50p99() {
        if (count() == 0) {
            return "no 2xx answer";
        }
        return "p50 " + Format.millis(percentileMillis(0.50)) + ", p99 " + Format.millis(percentileMillis(0.99));
    }

    public String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return String.format("n=%d  p50 %s  p90 %s  p99 %s  max %s  mean %s", count(),
                Format.millis(percentileMillis(0.50)), Format.millis(percentileMillis(0.90)),
                Format.millis(percentileMillis(0.99)), Format.millis(maxMillis()), Format.millis(meanMillis()));
    }

    private synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
