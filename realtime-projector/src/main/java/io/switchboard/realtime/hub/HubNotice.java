package io.switchboard.realtime.hub;

/**
 * An ephemeral signal every node hears: presence changes and typing. Never stored. A flat record, so it travels
 * between nodes as plain JSON.
 *
 * @param signal for {@link Kind#SIGNAL}: what the user signals, e.g. {@code typing}; for a presence notice of a user
 *               coming online, the profile it entered with (or null)
 * @param active online / offline for presence, started / stopped for a signal
 * @param origin the connection that caused it and heard it already (skipped when delivering), or null
 */
public record HubNotice(Kind kind, Room room, String userId, String signal, boolean active, String origin) {

    public enum Kind { PRESENCE, SIGNAL }

    static HubNotice presence(Room room, String userId, boolean online) {
        return new HubNotice(Kind.PRESENCE, room, userId, null, online, null);
    }

    static HubNotice cameOnline(Room room, String userId, String profile, String origin) {
        return new HubNotice(Kind.PRESENCE, room, userId, profile, true, origin);
    }

    static HubNotice signal(Room room, String userId, String signal, boolean active) {
        return new HubNotice(Kind.SIGNAL, room, userId, signal, active, null);
    }
}
