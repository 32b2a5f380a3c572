package io.switchboard.realtime.pusher;

import io.switchboard.realtime.pusher.PusherTransport.PusherTransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends {@link PusherEvent}s within Pusher's limits: only valid channel names, at most 100 channels per trigger, and
 * bounded retries of transient failures. Exhausted retries throw, so the tracking processor keeps the event and tries
 * again later; a rejected event (HTTP 4xx) is logged and dropped, since sending it again cannot succeed and would stall
 * every conversation behind it.
 */
class PusherPublisher implements AutoCloseable {

    static final int MAX_CHANNELS_PER_TRIGGER = 100;
    static final int MAX_CHANNEL_LENGTH = 164;
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PusherPublisher.class);

    /** Waits between attempts; tests pass one that only records. */
    @FunctionalInterface
    interface Pause {
        Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

        void pause(Duration duration) throws InterruptedException;
    }

    private final PusherTransport transport;
    private final PusherProperties.Retry retry;
    private final Pause pause;

    /** @param transport null: publishing is off and every event is dropped */
    PusherPublisher(PusherTransport transport, PusherProperties.Retry retry, Pause pause) {
        this.transport = transport;
        this.retry = retry;
        this.pause = pause;
    }

    static PusherPublisher disabled() {
        return new PusherPublisher(null, new PusherProperties.Retry(1, Duration.ZERO), Pause.SLEEP);
    }

    boolean enabled() {
        return transport != null;
    }

    /**
     * Pusher's channel-name rule: 1 to {@value #MAX_CHANNEL_LENGTH} of {@code A-Z a-z 0-9 _ - = @ , . ;}. A loop, not a
     * regular expression: it runs for every channel of every event (up to 65 per message).
     */
    static boolean isValidChannel(String channel) {
        int length = channel.length();
        if (length == 0 || length > MAX_CHANNEL_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = channel.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '=' || c == '@' || c == ',' || c == '.' || c == ';';
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    /** @throws PusherUnavailableException when a transient failure outlasts the retries */
    void publish(PusherEvent event) {
        if (!enabled()) {
            return;
        }
        List<String> channels = new ArrayList<>();
        for (String channel : event.channels()) {
            if (isValidChannel(channel)) {
                channels.add(channel);
            } else {
                // Built from a tenant or user id Pusher cannot carry; the other recipients still get the event.
                log.warn("Skipping Pusher channel '{}' of event {}: a channel name is at most {} characters of "
                        + "A-Z a-z 0-9 _ - = @ , . ;", channel, event.name(), MAX_CHANNEL_LENGTH);
            }
        }
        for (int from = 0; from < channels.size(); from += MAX_CHANNELS_PER_TRIGGER) {
            deliver(event, channels.subList(from, Math.min(from + MAX_CHANNELS_PER_TRIGGER, channels.size())));
        }
    }

    private void deliver(PusherEvent event, List<String> channels) {
        Duration backoff = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                transport.trigger(channels, event.name(), event.data());
                return;
            } catch (PusherTransportException e) {
                if (!e.isTransient()) {
                    log.error("Pusher rejected event {} for {} channels; dropping it: {}",
                            event.name(), channels.size(), e.getMessage());
                    return;
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new PusherUnavailableException("Pusher unavailable after " + attempt + " attempts for event "
                            + event.name() + ": " + e.getMessage(), e);
                }
                log.warn("Pusher attempt {} of {} for event {} failed, retrying in {}: {}",
                        attempt, retry.maxAttempts(), event.name(), backoff, e.getMessage());
                pauseFor(backoff, e);
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private void pauseFor(Duration backoff, PusherTransportException cause) {
        try {
            pause.pause(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PusherUnavailableException("interrupted while waiting to retry Pusher", cause);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }

    /** Pusher could not be reached for now; the tracking processor retries the event. */
    static final class PusherUnavailableException extends RuntimeException {
        PusherUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
