package io.switchboard.realtime.hub;

import java.util.Objects;

/**
 * Where presence and ephemeral signals (typing) are shared: a tenant and a key within it. Users in two tenants
 * never meet in a room, whatever its key.
 */
public record Room(String tenant, String key) {

    public Room {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
    }

    /** The room of one conversation: who has it open right now. */
    public static Room conversation(String tenant, long conversationId) {
        return new Room(tenant, "conversation:" + conversationId);
    }
}
