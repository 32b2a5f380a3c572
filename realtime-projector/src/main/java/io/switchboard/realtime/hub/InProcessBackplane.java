package io.switchboard.realtime.hub;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One node alone: everything in memory, no wake-ups needed (the local event store wakes its own readers). */
final class InProcessBackplane implements Backplane {

    /** Room, then user, then that user's connections in the room. */
    private final Map<Room, Map<String, Set<String>>> presence = new HashMap<>();
    private final List<Consumer<HubNotice>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public synchronized boolean enter(Room room, String userId, String connectionId) {
        Set<String> connections = presence.computeIfAbsent(room, r -> new HashMap<>())
                .computeIfAbsent(userId, u -> new HashSet<>());
        boolean cameOnline = connections.isEmpty();
        connections.add(connectionId);
        return cameOnline;
    }

    @Override
    public synchronized boolean leave(Room room, String userId, String connectionId) {
        Map<String, Set<String>> users = presence.get(room);
        Set<String> connections = users == null ? null : users.get(userId);
        if (connections == null || !connections.remove(connectionId)) {
            return false;
        }
        if (connections.isEmpty()) {
            users.remove(userId);
            if (users.isEmpty()) {
                presence.remove(room);
            }
            return true;
        }
        return false;
    }

    @Override
    public synchronized Set<String> online(Room room) {
        return Set.copyOf(presence.getOrDefault(room, Map.of()).keySet());
    }

    @Override
    public void publish(HubNotice notice) {
        listeners.forEach(listener -> listener.accept(notice));
    }

    @Override
    public void onNotice(Consumer<HubNotice> listener) {
        listeners.add(listener);
    }

    @Override
    public void announceStoredEvents() {
        // the only node's event store has woken its own readers already
    }

    @Override
    public void onStoredEventsElsewhere(Runnable wakeUp) {
        // there is no elsewhere
    }

    @Override
    public void close() {
    }
}
