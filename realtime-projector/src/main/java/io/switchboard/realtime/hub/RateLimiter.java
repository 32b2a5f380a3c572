package io.switchboard.realtime.hub;

/**
 * A token bucket per client connection, for every dialect: {@code perSecond} frames or events a second on average,
 * bursts of {@code burst}. Refusals are reported at most once a second, since answering each would be a flood of its
 * own.
 */
public final class RateLimiter {

    private static final long SECOND = 1_000_000_000L;

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;
    private long lastRefusalReported;

    public RateLimiter(double perSecond, int burst) {
        long now = System.nanoTime();
        this.perNano = perSecond / SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
        this.lastRefusalReported = now - SECOND;
    }

    public synchronized boolean admit() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether a refusal now should be told to the client (at most once a second). */
    public synchronized boolean reportRefusal() {
        long now = System.nanoTime();
        if (now - lastRefusalReported >= SECOND) {
            lastRefusalReported = now;
            return true;
        }
        return false;
    }
}
