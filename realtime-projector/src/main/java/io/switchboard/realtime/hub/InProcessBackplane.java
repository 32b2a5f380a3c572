package io.switchboard.realtime.hub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One node alone: everything in memory, no wake-ups needed (the local event store wakes its own readers). */
final class InProcessBackplane implements Backplane {

    /** Room, then user, then that user's connections in the room with the profile each entered with. */
    private final Map<Room, Map<String, Map<String, String>>> presence = new HashMap<>();
    private final List<Consumer<HubNotice>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public boolean enter(Room room, String userId, String connectionId) {
        return enter(room, userId, connectionId, null);
    }

    @Override
    public synchronized boolean enter(Room room, String userId, String connectionId, String profile) {
        Map<String, String> connections = presence.computeIfAbsent(room, r -> new HashMap<>())
                .computeIfAbsent(userId, u -> new HashMap<>());
        boolean cameOnline = connections.isEmpty();
        connections.put(connectionId, profile == null ? "" : profile);
        return cameOnline;
    }

    @Override
    public synchronized boolean leave(Room room, String userId, String connectionId) {
        Map<String, Map<String, String>> users = presence.get(room);
        Map<String, String> connections = users == null ? null : users.get(userId);
        if (connections == null || connections.remove(connectionId) == null) {
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
    public synchronized Map<String, String> onlineProfiles(Room room) {
        Map<String, String> profiles = new HashMap<>();
        presence.getOrDefault(room, Map.of()).forEach((user, connections) -> profiles.put(user,
                connections.values().stream().filter(profile -> !profile.isEmpty()).findFirst().orElse(null)));
        return profiles;
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
