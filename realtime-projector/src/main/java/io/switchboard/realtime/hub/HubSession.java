package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.MessageSent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A client connection of some dialect, as the hub sees it. The hub calls these methods on the connection's own lane:
 * one at a time, in order, never on the event processor's thread. A method that finishes later returns a stage; the
 * connection's next delivery waits for it.
 */
public interface HubSession {

    CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    String tenant();

    /** Who presence and signals name: the dialect's user id (for the direct chat, the username). */
    String userId();

    /**
     * A message of a conversation this connection subscribed to. Each sequence arrives once; after the first one
     * (or the resume point) they arrive in order without gaps, missing ones read back from the event store.
     */
    CompletionStage<?> onMessage(MessageSent message);

    /** Any other stored event of a subscribed conversation ({@code ConversationRead}, participants joining/leaving). */
    default CompletionStage<?> onSubscribedEvent(Object event) {
        return DONE;
    }

    /**
     * A stored event, {@code MessageSent} included, of a conversation of a followed kind in which this connection's
     * user participates (conversations started after the connection opened included). At least once, in stored order.
     */
    default CompletionStage<?> onFollowedEvent(Object event) {
        return DONE;
    }

    /**
     * A stored event, {@code MessageSent} included, of any conversation of a watched kind in this connection's tenant
     * (a queue's staff). At least once, in stored order; each event once per connection even when it is also
     * subscribed or followed.
     */
    default CompletionStage<?> onWatchedEvent(Object event) {
        return DONE;
    }

    /** A user came online in ({@code online}) or left a room this connection entered. */
    default void onPresence(Room room, String userId, boolean online) {
    }

    /**
     * As {@link #onPresence(Room, String, boolean)}, with the profile the user entered the room with when it came
     * online (null when going offline or when none was given).
     */
    default void onPresence(Room room, String userId, boolean online, String profile) {
        onPresence(room, userId, online);
    }

    /** A user in a room this connection entered raised or dropped a signal (typing), this connection's user included. */
    default void onSignal(Room room, String userId, String signal, boolean active) {
    }

    /** The client fell too far behind: its deliveries stopped; the dialect closes its socket. */
    void onOverflow();
}
