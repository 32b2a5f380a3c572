package io.switchboard.realtime.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The backplane of several nodes, on Redis (Spring Data Redis over Lettuce).
 * <ul>
 * <li><b>Presence</b>: one hash per room, {@code sb:presence:<tenant>\0<key>}, field {@code <user>\0<connection>}.
 * Each node also lists its own entries ({@code sb:node-entries:<node>}) and refreshes a heartbeat key
 * ({@code sb:node-alive:<node>}, expiring after {@code nodeExpiry}) every third of it. Every node sweeps: a node in
 * {@code sb:nodes} whose heartbeat expired is dead; the one sweeper that removes it from the set removes its
 * entries and announces who went offline. Enter and leave are Lua scripts, so "was that the user's first / last
 * connection in the room" is decided atomically across nodes. {@code \0} separates parts: token claims and ids never
 * contain it.</li>
 * <li><b>Notices</b> (presence changes, typing): pub/sub channel {@code sb:hub:notices}, JSON.</li>
 * <li><b>Stored events</b>: pub/sub channel {@code sb:hub:events}; a node publishes its id after each commit
 * (coalesced: at most one message in flight) and the others read the store at once.</li>
 * </ul>
 */
final class RedisBackplane implements Backplane {

    private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);

    private static final String NOTICES = "sb:hub:notices";
    private static final String EVENTS = "sb:hub:events";
    private static final String NODES = "sb:nodes";

    private static final RedisScript<Long> ENTER = new DefaultRedisScript<>("""
            local prefix = ARGV[1] .. '\\0'
            local had = 0
            for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
              if string.sub(field, 1, string.len(prefix)) == prefix then had = 1 break end
            end
            redis.call('HSET', KEYS[1], prefix .. ARGV[2], ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[3])
            return had""", Long.class);

    private static final RedisScript<Long> LEAVE = new DefaultRedisScript<>("""
            local prefix = ARGV[1] .. '\\0'
            local removed = redis.call('HDEL', KEYS[1], prefix .. ARGV[2])
            redis.call('SREM', KEYS[2], ARGV[3])
            if removed == 0 then return 0 end
            for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
              if string.sub(field, 1, string.len(prefix)) == prefix then return 0 end
            end
            return 1""", Long.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer subscriptions;
    private final ExecutorService listenerThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-redis-listener");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration nodeExpiry;
    private final ScheduledExecutorService timer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Consumer<HubNotice>> noticeListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> wakeUps = new CopyOnWriteArrayList<>();
    private final AtomicBoolean announcing = new AtomicBoolean();
    /** This node's entries, to put back should other nodes ever take it for dead (e.g. after a long pause). */
    private final Map<String, String> ownEntries = new ConcurrentHashMap<>();

    private RedisBackplane(LettuceConnectionFactory factory, Duration nodeExpiry) {
        this.factory = factory;
        this.redis = new StringRedisTemplate(factory);
        this.nodeExpiry = nodeExpiry;
        this.subscriptions = new RedisMessageListenerContainer();
        subscriptions.setConnectionFactory(factory);
        // One thread for every received message, in the order Redis delivered them. The container's default runs
        // each message on a thread of its own: a new thread per wake-up (hundreds a second under load, JFR) and
        // notices that may overtake one another.
        subscriptions.setTaskExecutor(listenerThread);
        subscriptions.addMessageListener(this::received, List.of(new ChannelTopic(NOTICES), new ChannelTopic(EVENTS)));
        subscriptions.afterPropertiesSet();
        subscriptions.start();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hub-redis");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat(true);
        long period = Math.max(100, nodeExpiry.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    static RedisBackplane connect(String url, Duration nodeExpiry) {
        RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(url);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        RedisBackplane backplane = new RedisBackplane(factory, nodeExpiry);
        log.info("realtime hub: node {} shares presence, signals and wake-ups through Redis "
                + "(a silent node's users leave presence after {})", backplane.nodeId, nodeExpiry);
        return backplane;
    }

    @Override
    public boolean enter(Room room, String userId, String connectionId) {
        return enter(room, userId, connectionId, null);
    }

    @Override
    public boolean enter(Room room, String userId, String connectionId, String profile) {
        String entry = entry(room, userId, connectionId);
        ownEntries.put(entry, profile == null ? "" : profile);
        Long had = redis.execute(ENTER, List.of(roomKey(room), entriesKey(nodeId)), userId, connectionId, entry,
                profile == null ? "" : profile);
        return had != null && had == 0;
    }

    @Override
    public boolean leave(Room room, String userId, String connectionId) {
        String entry = entry(room, userId, connectionId);
        ownEntries.remove(entry);
        return leave(entry, entriesKey(nodeId));
    }

    private boolean leave(String entry, String entriesKey) {
        String[] parts = entry.split("\0", -1);
        Room room = new Room(parts[0], parts[1]);
        Long last = redis.execute(LEAVE, List.of(roomKey(room), entriesKey), parts[2], parts[3], entry);
        return last != null && last == 1;
    }

    @Override
    public Set<String> online(Room room) {
        Set<String> users = new HashSet<>();
        for (Object field : redis.opsForHash().keys(roomKey(room))) {
            String text = (String) field;
            users.add(text.substring(0, text.indexOf('\0')));
        }
        return users;
    }

    @Override
    public Map<String, String> onlineProfiles(Room room) {
        Map<String, String> profiles = new java.util.HashMap<>();
        redis.<String, String>opsForHash().entries(roomKey(room)).forEach((field, profile) -> {
            String user = field.substring(0, field.indexOf('\0'));
            if (!profile.isEmpty() || !profiles.containsKey(user)) {
                profiles.put(user, profile.isEmpty() ? null : profile);
            }
        });
        return profiles;
    }

    @Override
    public void publish(HubNotice notice) {
        redis.convertAndSend(NOTICES, json.writeValueAsString(notice));
    }

    @Override
    public void onNotice(Consumer<HubNotice> listener) {
        noticeListeners.add(listener);
    }

    /** Coalesced: while one announcement is in flight, more commits add nothing (that one wakes the readers). */
    @Override
    public void announceStoredEvents() {
        if (announcing.compareAndSet(false, true)) {
            timer.execute(() -> {
                announcing.set(false);
                try {
                    redis.convertAndSend(EVENTS, nodeId);
                } catch (RuntimeException e) {
                    log.warn("could not announce stored events through Redis (other nodes see them at their next "
                            + "poll): {}", e.toString());
                }
            });
        }
    }

    @Override
    public void onStoredEventsElsewhere(Runnable wakeUp) {
        wakeUps.add(wakeUp);
    }

    private void received(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            if (EVENTS.equals(channel)) {
                if (!nodeId.equals(body)) {
                    wakeUps.forEach(Runnable::run);
                }
            } else {
                HubNotice notice = json.readValue(body, HubNotice.class);
                noticeListeners.forEach(listener -> listener.accept(notice));
            }
        } catch (RuntimeException e) {
            log.warn("ignoring an unreadable hub message on {}: {}", channel, e.toString());
        }
    }

    private void beat() {
        try {
            heartbeat(false);
            sweep();
        } catch (RuntimeException e) {
            log.warn("realtime hub heartbeat failed (retrying in {} ms): {}", nodeExpiry.toMillis() / 3, e.toString());
        }
    }

    private void heartbeat(boolean first) {
        redis.opsForValue().set(aliveKey(nodeId), "1", nodeExpiry);
        Long added = redis.opsForSet().add(NODES, nodeId);
        if (!first && added != null && added == 1) {
            // Another node swept this one (we paused longer than the expiry): put our users back.
            log.warn("realtime hub: this node had been taken for dead; restoring its {} presence entries",
                    ownEntries.size());
            for (Map.Entry<String, String> own : ownEntries.entrySet()) {
                String[] parts = own.getKey().split("\0", -1);
                Room room = new Room(parts[0], parts[1]);
                if (enter(room, parts[2], parts[3], own.getValue().isEmpty() ? null : own.getValue())) {
                    publish(HubNotice.presence(room, parts[2], true));
                }
            }
        }
    }

    private void sweep() {
        Set<String> nodes = redis.opsForSet().members(NODES);
        if (nodes == null) {
            return;
        }
        for (String node : nodes) {
            if (node.equals(nodeId) || Boolean.TRUE.equals(redis.hasKey(aliveKey(node)))) {
                continue;
            }
            Long removed = redis.opsForSet().remove(NODES, node);
            if (removed == null || removed == 0) {
                continue; // another node is sweeping it
            }
            Set<String> entries = redis.opsForSet().members(entriesKey(node));
            int offline = 0;
            for (String entry : entries == null ? Set.<String>of() : entries) {
                if (leave(entry, entriesKey(node))) {
                    String[] parts = entry.split("\0", -1);
                    publish(HubNotice.presence(new Room(parts[0], parts[1]), parts[2], false));
                    offline++;
                }
            }
            redis.delete(entriesKey(node));
            log.info("realtime hub: node {} stopped answering; removed its {} presence entries ({} users offline)",
                    node, entries == null ? 0 : entries.size(), offline);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            for (String entry : List.copyOf(ownEntries.keySet())) {
                ownEntries.remove(entry);
                if (leave(entry, entriesKey(nodeId))) {
                    String[] parts = entry.split("\0", -1);
                    publish(HubNotice.presence(new Room(parts[0], parts[1]), parts[2], false));
                }
            }
            redis.opsForSet().remove(NODES, nodeId);
            redis.delete(List.of(aliveKey(nodeId), entriesKey(nodeId)));
        } catch (RuntimeException e) {
            log.warn("realtime hub: could not clean up in Redis on shutdown (other nodes sweep it): {}", e.toString());
        } finally {
            subscriptions.stop();
            try {
                subscriptions.destroy();
            } catch (Exception e) {
                log.debug("closing Redis subscriptions", e);
            }
            factory.destroy();
            listenerThread.shutdownNow();
        }
    }

    private static String roomKey(Room room) {
        return "sb:presence:" + room.tenant() + '\0' + room.key();
    }

    private static String entry(Room room, String userId, String connectionId) {
        return room.tenant() + '\0' + room.key() + '\0' + userId + '\0' + connectionId;
    }

    private static String entriesKey(String node) {
        return "sb:node-entries:" + node;
    }

    private static String aliveKey(String node) {
        return "sb:node-alive:" + node;
    }
}
