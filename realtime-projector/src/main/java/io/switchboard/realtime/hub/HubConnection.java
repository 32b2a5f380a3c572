package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageSent;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A dialect's handle on one open client connection: what it subscribes to, follows and is present in. Every delivery
 * and every task given to {@link #run} happen on the connection's lane, in order.
 */
public final class HubConnection {

    private final String id;
    private final HubSession session;
    private final Hub hub;
    private final Lane lane;
    private final Map<Long, ConversationFeed> feeds = new ConcurrentHashMap<>();
    private final Set<ConversationKind> followed = ConcurrentHashMap.newKeySet();
    private final Set<ConversationKind> watched = ConcurrentHashMap.newKeySet();
    private final Set<Room> rooms = ConcurrentHashMap.newKeySet();
    private final Set<Room> observed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    HubConnection(String id, HubSession session, Hub hub, Lane lane) {
        this.id = id;
        this.session = session;
        this.hub = hub;
        this.lane = lane;
    }

    public String id() {
        return id;
    }

    HubSession session() {
        return session;
    }

    /** Live messages of the conversation from now on. */
    public void subscribe(long conversationId) {
        subscribe(conversationId, -1);
    }

    /**
     * Every message after sequence {@code after} (read from the event store), then live ones: none missed, none
     * twice, even while messages keep arriving. {@code after < 0}: live ones only.
     */
    public void subscribe(long conversationId, long after) {
        if (closed || feeds.containsKey(conversationId)) {
            resume(conversationId, after);
            return;
        }
        ConversationFeed feed = new ConversationFeed(conversationId, session, hub.history(), hub.reads());
        feeds.put(conversationId, feed);
        // The catch-up is queued before the connection hears any live message, so the live ones wait behind it.
        if (after >= 0) {
            lane.submit(() -> feed.resume(after));
        }
        hub.subscribed(this, conversationId);
    }

    /** Catch-up on a subscribed conversation: what this connection was not given after {@code after}. */
    public void resume(long conversationId, long after) {
        ConversationFeed feed = feeds.get(conversationId);
        if (feed != null && after >= 0) {
            lane.submit(() -> feed.resume(after));
        }
    }

    /** Stops live messages of the conversation (a client leaving a room). */
    public void unsubscribe(long conversationId) {
        if (feeds.remove(conversationId) != null) {
            hub.unsubscribed(this, conversationId);
        }
    }

    public boolean subscribedTo(long conversationId) {
        return feeds.containsKey(conversationId);
    }

    /** Every event of each conversation of this kind the user takes part in, including ones started later. */
    public void follow(ConversationKind kind) {
        if (!closed && followed.add(kind)) {
            hub.followed(this);
        }
    }

    boolean follows(ConversationKind kind) {
        return followed.contains(kind);
    }

    /** Every event of every conversation of this kind in the connection's tenant (a queue's staff). */
    public void watch(ConversationKind kind) {
        if (!closed && watched.add(kind)) {
            hub.watched(this);
        }
    }

    public void unwatch(ConversationKind kind) {
        watched.remove(kind);
    }

    boolean watches(ConversationKind kind) {
        return watched.contains(kind);
    }

    /**
     * Enters a room (presence). On the lane, {@code entered} first gets who is online there now (this user
     * included); then this connection hears its user come online, before anything queued after this call (a
     * catch-up); the room's other connections hear it too unless the user was online there already (another tab).
     */
    public void enter(Room room, Consumer<Set<String>> entered) {
        enter(room, null, (online, cameOnline) -> entered.accept(online.keySet()));
    }

    /**
     * As {@link #enter(Room, Consumer)}, recording {@code profile} (what others see of this user, e.g. JSON) with the
     * presence; {@code entered} gets every online user's profile and whether this user just came online there.
     */
    public void enter(Room room, String profile, java.util.function.BiConsumer<java.util.Map<String, String>, Boolean> entered) {
        enter(room, profile, entered, true);
    }

    /**
     * As {@link #enter(Room, String, java.util.function.BiConsumer)}; with {@code hearOthers} false the connection is
     * present (others see it come and go) without hearing the room's notices itself — a live-chat visitor need not
     * hear every other visitor of its organisation, which would cost the square of their number.
     */
    public void enter(Room room, String profile, java.util.function.BiConsumer<java.util.Map<String, String>, Boolean> entered,
                      boolean hearOthers) {
        if (!room.tenant().equals(session.tenant())) {
            throw new IllegalArgumentException("a connection only enters rooms of its own tenant");
        }
        lane.execute(() -> {
            if (closed || !rooms.add(room)) {
                return;
            }
            if (hearOthers) {
                hub.entering(this, room);
            }
            boolean cameOnline = hub.backplane().enter(room, session.userId(), id, profile);
            if (closed) { // closed while entering: its leave may have run before this enter
                if (hub.backplane().leave(room, session.userId(), id)) {
                    hub.backplane().publish(HubNotice.presence(room, session.userId(), false));
                }
                return;
            }
            entered.accept(hub.backplane().onlineProfiles(room), cameOnline);
            // The newcomer hears itself join right here, before anything queued behind this task (a catch-up).
            session.onPresence(room, session.userId(), true, profile);
            if (cameOnline) {
                hub.backplane().publish(HubNotice.cameOnline(room, session.userId(), profile, id));
            }
        });
    }

    /** Hears a room's presence changes and signals without being present in it (staff watching the visitors). */
    public void observe(Room room) {
        if (!room.tenant().equals(session.tenant())) {
            throw new IllegalArgumentException("a connection only observes rooms of its own tenant");
        }
        if (!closed && observed.add(room)) {
            hub.entering(this, room);
        }
    }

    /** An ephemeral signal (typing) to everyone in a room this connection entered or observes; nothing is stored. */
    public void signal(Room room, String signal, boolean active) {
        if (rooms.contains(room) || observed.contains(room)) {
            hub.backplane().publish(HubNotice.signal(room, session.userId(), signal, active));
        }
    }

    /** A dialect's own work, in order with the deliveries. */
    public void run(Supplier<? extends CompletionStage<?>> task) {
        lane.submit(task);
    }

    public void run(Runnable task) {
        lane.execute(task);
    }

    /**
     * Leaves every room (telling the others when this was the user's last connection there) and stops deliveries.
     *
     * @return the rooms the user went offline in (no other connection of theirs, on any node, is left there)
     */
    public CompletableFuture<Set<Room>> close() {
        if (closed) {
            return CompletableFuture.completedFuture(Set.of());
        }
        closed = true;
        lane.close();
        hub.closed(this);
        return CompletableFuture.supplyAsync(() -> {
            Set<Room> offline = new java.util.HashSet<>();
            for (Room room : rooms) {
                if (hub.backplane().leave(room, session.userId(), id)) {
                    hub.backplane().publish(HubNotice.presence(room, session.userId(), false));
                    offline.add(room);
                }
            }
            return offline;
        }, hub.reads());
    }

    /** Rooms whose notices reach this connection: entered and observed. */
    Set<Room> rooms() {
        Set<Room> all = new java.util.HashSet<>(rooms);
        all.addAll(observed);
        return all;
    }

    Set<Long> subscriptions() {
        return feeds.keySet();
    }

    void deliver(MessageSent message) {
        ConversationFeed feed = feeds.get(message.conversationId());
        if (feed != null) {
            lane.submit(() -> feed.live(message));
        }
    }

    void deliverSubscribed(Object event) {
        lane.submit(() -> session.onSubscribedEvent(event));
    }

    void deliverFollowed(Object event) {
        lane.submit(() -> session.onFollowedEvent(event));
    }

    void deliverWatched(Object event) {
        lane.submit(() -> session.onWatchedEvent(event));
    }

    void deliver(HubNotice notice) {
        lane.execute(() -> {
            if (notice.kind() == HubNotice.Kind.PRESENCE) {
                session.onPresence(notice.room(), notice.userId(), notice.active(), notice.signal());
            } else {
                session.onSignal(notice.room(), notice.userId(), notice.signal(), notice.active());
            }
        });
    }

    EnumSet<ConversationKind> followedKinds() {
        return followed.isEmpty() ? EnumSet.noneOf(ConversationKind.class) : EnumSet.copyOf(followed);
    }
}
