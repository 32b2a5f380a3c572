package io.switchboard.bench.support;

import java.util.Arrays;
import java.util.Locale;

/**
 * Latencies in milliseconds; percentiles by the nearest-rank method. Single-threaded. What never came within the
 * benchmark's timeout is added as {@link #TIMED_OUT}, so it counts as slower than everything else and a percentile
 * that falls on it prints as "timed out".
 */
final class Latencies {

    static final double TIMED_OUT = Double.POSITIVE_INFINITY;

    private double[] values = new double[1024];
    private int size;

    void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    int count() {
        return size;
    }

    /** The {@code quantile} (0..1), NaN when empty. */
    double percentile(double quantile) {
        double[] sorted = sorted();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double max() {
        double[] sorted = sorted();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    private double[] sorted() {
        double[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        if (millis == TIMED_OUT) {
            return "timed out";
        }
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }
}
