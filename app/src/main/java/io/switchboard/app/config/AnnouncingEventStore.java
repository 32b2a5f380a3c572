package io.switchboard.app.config;

import io.switchboard.realtime.hub.Backplane;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, plus the cross-node wake-up. In one JVM the store wakes its own readers after each
 * commit; another JVM's readers only look at the database on their idle poll (every second). So after a commit this
 * store tells the other nodes through the {@link Backplane}, and when they tell it, it reads at once
 * ({@link #wakeUp()}) — what its own commits do.
 */
final class AnnouncingEventStore extends EmbeddedEventStore {

    private final Backplane backplane;

    AnnouncingEventStore(Builder builder, Backplane backplane) {
        super(builder);
        this.backplane = backplane;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (!events.isEmpty()) {
            backplane.announceStoredEvents();
        }
    }

    /** Another node stored events: fetch now, as after a local commit. */
    void wakeUp() {
        super.afterCommit(List.of());
    }
}
