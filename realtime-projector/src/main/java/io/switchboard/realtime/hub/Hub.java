package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's connections of every dialect and what each hears. Every node's hub sees every stored conversation
 * event ({@link HubEventHandler}) and delivers it to the connections open on that node; presence and signals
 * travel between nodes through the {@link Backplane}. No dialect-specific code here: dialects adapt through
 * {@link HubSession} and {@link HubConnection}.
 */
public final class Hub {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final Backplane backplane;
    private final Audiences audiences;
    private final ConversationHistory history;
    private final ExecutorService lanes;
    private final ExecutorService reads;
    private final FreshReads freshReads;
    private final int laneCapacity;

    private final Set<HubConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<Long, Set<HubConnection>> subscribers = new ConcurrentHashMap<>();
    /** Tenant and user id, then the connections following some kind of that user's conversations. */
    private final Map<String, Map<String, Set<HubConnection>>> followers = new ConcurrentHashMap<>();
    private final Map<Room, Set<HubConnection>> rooms = new ConcurrentHashMap<>();
    /** Tenant, then the connections watching some kind of all its conversations. */
    private final Map<String, Set<HubConnection>> watchers = new ConcurrentHashMap<>();
    /** Node-level listeners by kind, told of every event before any connection's delivery is queued. */
    private final Map<ConversationKind, java.util.List<java.util.function.Consumer<Object>>> listeners =
            new ConcurrentHashMap<>();

    Hub(Backplane backplane, Audiences audiences, ConversationHistory history, ExecutorService lanes,
        ExecutorService reads, FreshReads freshReads, int laneCapacity) {
        this.backplane = backplane;
        this.audiences = audiences;
        this.history = history;
        this.lanes = lanes;
        this.reads = reads;
        this.freshReads = freshReads;
        this.laneCapacity = laneCapacity;
        backplane.onNotice(this::noticed);
    }

    public HubConnection open(HubSession session) {
        String id = nodeId + "-" + connectionCounter.incrementAndGet();
        HubConnection[] connection = new HubConnection[1];
        Lane lane = new Lane(lanes, laneCapacity, () -> {
            session.onOverflow();
            connection[0].close();
        });
        connection[0] = new HubConnection(id, session, this, lane);
        connections.add(connection[0]);
        return connection[0];
    }

    /** Open connections on this node. */
    public int connectionCount() {
        return connections.size();
    }

    /** Who is online in a room, on every node, with the profile each entered with (null when none). */
    public Map<String, String> online(Room room) {
        return backplane.onlineProfiles(room);
    }

    public FreshReads freshReads() {
        return freshReads;
    }

    String nodeId() {
        return nodeId;
    }

    Backplane backplane() {
        return backplane;
    }

    ConversationHistory history() {
        return history;
    }

    ExecutorService reads() {
        return reads;
    }

    void subscribed(HubConnection connection, long conversationId) {
        subscribers.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void unsubscribed(HubConnection connection, long conversationId) {
        subscribers.computeIfPresent(conversationId, (id, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    void followed(HubConnection connection) {
        followers.computeIfAbsent(connection.session().tenant(), tenant -> new ConcurrentHashMap<>())
                .computeIfAbsent(connection.session().userId(), user -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void watched(HubConnection connection) {
        watchers.computeIfAbsent(connection.session().tenant(), tenant -> ConcurrentHashMap.newKeySet())
                .add(connection);
    }

    /**
     * A node-level listener for every stored event of conversations of {@code kind}, all tenants, called on the hub's
     * processor thread before connections are given the event: a dialect keeps what it renders from here (it must
     * not block for long).
     */
    public void listen(ConversationKind kind, java.util.function.Consumer<Object> listener) {
        listeners.computeIfAbsent(kind, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(listener);
    }

    void entering(HubConnection connection, Room room) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void closed(HubConnection connection) {
        connections.remove(connection);
        for (Long conversationId : connection.subscriptions()) {
            subscribers.computeIfPresent(conversationId, (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
        for (Room room : connection.rooms()) {
            rooms.computeIfPresent(room, (r, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
        }
        watchers.computeIfPresent(connection.session().tenant(), (tenant, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
        followers.computeIfPresent(connection.session().tenant(), (tenant, users) -> {
            users.computeIfPresent(connection.session().userId(), (user, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
            return users.isEmpty() ? null : users;
        });
    }

    // --- stored events, from this node's hub processor, in stored order ---------------------------------------

    void stored(ConversationStarted event) {
        Audiences.Audience audience = audiences.started(event);
        toListeners(audience, event);
        toFollowers(event, audience);
        toWatchers(event, audience);
        toSubscribers(event.conversationId(), event);
    }

    void stored(MessageSent event) {
        Optional<Audiences.Audience> audience = needsAudience(event.tenant())
                ? audiences.of(event.conversationId(), event.tenant()) : Optional.empty();
        audience.ifPresent(found -> toListeners(found, event));
        Set<HubConnection> listening = subscribers.get(event.conversationId());
        if (listening != null) {
            listening.forEach(connection -> connection.deliver(event));
        }
        audience.ifPresent(found -> {
            toFollowers(event, found);
            toWatchers(event, found);
        });
    }

    void stored(ParticipantJoined event) {
        Optional<Audiences.Audience> audience = audiences.joined(event);
        audience.ifPresent(found -> toListeners(found, event));
        toSubscribers(event.conversationId(), event);
        audience.ifPresent(found -> {
            toFollowers(event, found);
            toWatchers(event, found);
        });
    }

    void stored(ParticipantLeft event) {
        Optional<Audiences.Audience> audience = audiences.left(event);
        audience.ifPresent(found -> toListeners(found, event));
        toSubscribers(event.conversationId(), event);
        audience.ifPresent(found -> {
            // the one who left is told too: its followers drop the conversation
            toFollowers(event, found, event.userId());
            toWatchers(event, found);
        });
    }

    /** Any other event of a conversation ({@code ConversationRead}, the live-chat events). */
    void stored(long conversationId, String tenant, Object event) {
        Optional<Audiences.Audience> audience = needsAudience(tenant)
                ? audiences.of(conversationId, tenant) : Optional.empty();
        audience.ifPresent(found -> toListeners(found, event));
        toSubscribers(conversationId, event);
        audience.ifPresent(found -> {
            toFollowers(event, found);
            toWatchers(event, found);
        });
    }

    private boolean needsAudience(String tenant) {
        return !listeners.isEmpty() || followers.containsKey(tenant) || watchers.containsKey(tenant);
    }

    private void toListeners(Audiences.Audience audience, Object event) {
        java.util.List<java.util.function.Consumer<Object>> forKind = listeners.get(audience.kind());
        if (forKind != null) {
            forKind.forEach(listener -> listener.accept(event));
        }
    }

    private void toWatchers(Object event, Audiences.Audience audience) {
        Set<HubConnection> watching = watchers.get(audience.tenant());
        if (watching != null) {
            watching.stream().filter(connection -> connection.watches(audience.kind()))
                    .forEach(connection -> connection.deliverWatched(event));
        }
    }

    private void toSubscribers(long conversationId, Object event) {
        Set<HubConnection> listening = subscribers.get(conversationId);
        if (listening != null) {
            listening.forEach(connection -> connection.deliverSubscribed(event));
        }
    }

    private void toFollowers(Object event, Audiences.Audience audience, String... alsoUsers) {
        Map<String, Set<HubConnection>> users = followers.get(audience.tenant());
        if (users == null) {
            return;
        }
        Set<String> targets = alsoUsers.length == 0 ? audience.active() : union(audience.active(), alsoUsers);
        for (String userId : targets) {
            Set<HubConnection> following = users.get(userId);
            if (following != null) {
                following.stream().filter(connection -> connection.follows(audience.kind()))
                        .forEach(connection -> connection.deliverFollowed(event));
            }
        }
    }

    private static Set<String> union(Set<String> active, String[] more) {
        Set<String> all = new java.util.HashSet<>(active);
        all.addAll(java.util.List.of(more));
        return all;
    }

    // --- notices from every node -----------------------------------------------------------------------------

    private void noticed(HubNotice notice) {
        Set<HubConnection> present = rooms.get(notice.room());
        if (present != null) {
            present.stream().filter(connection -> !connection.id().equals(notice.origin()))
                    .forEach(connection -> connection.deliver(notice));
        }
    }

    void shutdown() {
        log.info("realtime hub: closing {} connections", connections.size());
        connections.forEach(connection -> connection.close().join());
    }
}
