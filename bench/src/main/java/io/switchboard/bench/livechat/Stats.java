package io.switchboard.bench.livechat;

import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in milliseconds; percentiles by the nearest-rank method. */
final class Stats {

    private double[] values = new double[256];
    private int size;

    void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    /** Adds every number of a JSON array. */
    Stats addAll(JsonNode array) {
        array.forEach(value -> add(value.asDouble()));
        return this;
    }

    int count() {
        return size;
    }

    double percentile(double quantile) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(quantile * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }

    double max() {
        return percentile(1.0);
    }

    double mean() {
        return size == 0 ? Double.NaN : Arrays.stream(values, 0, size).average().orElseThrow();
    }

    String summary() {
        if (size == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d p50 %s, p90 %s, p99 %s, max %s (mean %s)", size,
                millis(percentile(0.5)), millis(percentile(0.9)), millis(percentile(0.99)), millis(max()),
                millis(mean()));
    }

    static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000);
        }
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f ms" : "%.1f ms", millis);
    }

    static String mib(double kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024);
    }
}
