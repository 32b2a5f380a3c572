package io.switchboard.realtime.direct;

/**
 * A token bucket per socket: {@code perSecond} frames a second on average, bursts of {@code burst}. Only the socket's
 * own receiving thread calls it (Tomcat delivers one socket's frames one at a time), hence no locking.
 */
final class FrameRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;
    private long lastRefusalReported;

    FrameRate(double perSecond, int burst, long now) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
        this.lastRefusalReported = now - 1_000_000_000L;
    }

    boolean admit(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** One error frame a second for refused frames at most: answering each would be a flood of its own. */
    boolean reportRefusal(long now) {
        if (now - lastRefusalReported >= 1_000_000_000L) {
            lastRefusalReported = now;
            return true;
        }
        return false;
    }
}
