package io.switchboard.realtime.pusher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Pusher transport that records every call and fails on script; thread-safe for use under a tracking processor. */
final class RecordingTransport implements PusherTransport {

    record Trigger(List<String> channels, String eventName, String data) {
    }

    private final List<Trigger> attempts = new CopyOnWriteArrayList<>();
    private final List<Trigger> delivered = new CopyOnWriteArrayList<>();
    private final Queue<Optional<PusherTransportException>> scripted = new ConcurrentLinkedQueue<>();
    private volatile PusherTransportException outage;

    static PusherTransportException transientFailure() {
        return new PusherTransportException("HTTP 503", true);
    }

    static PusherTransportException rejection() {
        return new PusherTransportException("HTTP 400", false);
    }

    /** The next calls end like this, in order: a failure, or {@code null} for success. */
    void script(PusherTransportException... outcomes) {
        Arrays.stream(outcomes).map(Optional::ofNullable).forEach(scripted::add);
    }

    /** Every call fails until {@link #endOutage()}. */
    void startOutage() {
        outage = transientFailure();
    }

    void endOutage() {
        outage = null;
    }

    @Override
    public void trigger(List<String> channels, String eventName, String data) {
        Trigger trigger = new Trigger(List.copyOf(channels), eventName, data);
        attempts.add(trigger);
        Optional<PusherTransportException> next = scripted.poll();
        PusherTransportException failure = next == null ? outage : next.orElse(null);
        if (failure != null) {
            throw failure;
        }
        delivered.add(trigger);
    }

    List<Trigger> attempts() {
        return new ArrayList<>(attempts);
    }

    List<Trigger> delivered() {
        return new ArrayList<>(delivered);
    }

    /** Deliveries whose data mentions this text, e.g. a tenant or a message text. */
    List<Trigger> deliveredContaining(String text) {
        return delivered.stream().filter(trigger -> trigger.data().contains(text)).toList();
    }

    @Override
    public void close() {
        // nothing to release
    }
}
