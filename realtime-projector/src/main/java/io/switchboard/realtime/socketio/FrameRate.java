package io.switchboard.realtime.socketio;

/**
 * A token bucket per connection: {@code perSecond} events a second on average, bursts of {@code burst}. Netty may
 * deliver one client's events on different threads over time, hence synchronized.
 */
final class FrameRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    FrameRate(double perSecond, int burst, long now) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    synchronized boolean admit(long now) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
