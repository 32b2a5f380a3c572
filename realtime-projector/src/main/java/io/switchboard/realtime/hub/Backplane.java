package io.switchboard.realtime.hub;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the nodes of one deployment share beyond the database: presence, ephemeral notices and the "new events are
 * stored" wake-up. {@link InProcessBackplane} for a single node, {@link RedisBackplane} for several.
 */
public interface Backplane extends AutoCloseable {

    /**
     * Records that one connection of the user has the room open.
     *
     * @return true when the user had no other connection in the room, on any node: the user just came online there
     */
    boolean enter(Room room, String userId, String connectionId);

    /**
     * As {@link #enter(Room, String, String)}, also recording what the user looks like to the others (e.g. a JSON
     * profile), for {@link #onlineProfiles(Room)}.
     */
    boolean enter(Room room, String userId, String connectionId, String profile);

    /** @return true when that was the user's last connection in the room, on every node: the user went offline */
    boolean leave(Room room, String userId, String connectionId);

    /** Users with at least one connection in the room, on any live node. */
    Set<String> online(Room room);

    /** The online users and the profile one of their connections entered with (null when none was given). */
    Map<String, String> onlineProfiles(Room room);

    /** Delivers the notice to every node's listener, this node's included. */
    void publish(HubNotice notice);

    void onNotice(Consumer<HubNotice> listener);

    /** Tells the other nodes that this node stored new events (they read them now instead of at their next poll). */
    void announceStoredEvents();

    /** @param wakeUp called when another node announced stored events */
    void onStoredEventsElsewhere(Runnable wakeUp);

    @Override
    void close();
}
