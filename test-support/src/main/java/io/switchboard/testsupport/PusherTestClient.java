package io.switchboard.testsupport;

import com.pusher.client.ChannelAuthorizer;
import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.Channel;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A real pusher-java-client connection to a {@link SoketiServer}, as a browser or app would hold one, recording what
 * each channel receives. {@code private-} channels are joined through the given {@link ChannelAuthorizer}, exactly
 * as the client library does it: it asks the authorizer for a signature, and soketi checks it.
 */
public final class PusherTestClient implements AutoCloseable {

    private static final Duration SETUP = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Pusher client;
    private final Map<String, List<PusherEvent>> received = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    /** A client for public channels only. */
    public PusherTestClient(SoketiServer server) {
        this(server, (channel, socketId) -> {
            throw new IllegalStateException("no authorizer for " + channel);
        });
    }

    /** Returns once connected, so the first subscription does not race the handshake. */
    public PusherTestClient(SoketiServer server, ChannelAuthorizer authorizer) {
        client = new Pusher(server.key(), new PusherOptions()
                .setHost(server.host())
                .setWsPort(server.port())
                .setUseTLS(false)
                .setChannelAuthorizer(authorizer));
        client.connect();
        await("connection to soketi").atMost(SETUP)
                .until(() -> client.getConnection().getState() == ConnectionState.CONNECTED);
    }

    /** Subscribes and returns once the server confirmed every subscription, so nothing published later is missed. */
    public void subscribe(String... channels) {
        List<Channel> subscribed = new CopyOnWriteArrayList<>();
        for (String name : channels) {
            subscribed.add(join(name));
        }
        await("subscriptions to " + List.of(channels)).atMost(SETUP)
                .until(() -> subscribed.stream().allMatch(Channel::isSubscribed));
    }

    /** Tries to join a private channel and returns the client's reason once the authorizer refused it. */
    public String subscribeRefused(String channel) {
        join(channel);
        return await("refusal of " + channel).atMost(SETUP).until(() -> refusals.get(channel), Objects::nonNull);
    }

    private Channel join(String name) {
        List<PusherEvent> events = received.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>());
        Channel channel = name.startsWith("private-")
                ? client.subscribePrivate(name, new RefusalListener(name))
                : client.subscribe(name);
        channel.bindGlobal(event -> {
            // the protocol's own pusher:/pusher_internal: events are not what an application receives
            if (!event.getEventName().startsWith("pusher")) {
                events.add(event);
            }
        });
        return channel;
    }

    /** Every application event received on {@code channel} so far, in arrival order. */
    public List<PusherEvent> received(String channel) {
        return List.copyOf(received.getOrDefault(channel, List.of()));
    }

    /** The data of every {@code eventName} event received on {@code channel} so far, in arrival order. */
    public List<JsonNode> received(String channel, String eventName) {
        return received(channel).stream()
                .filter(event -> event.getEventName().equals(eventName))
                .map(event -> JSON.readTree(event.getData()))
                .toList();
    }

    @Override
    public void close() {
        client.disconnect();
    }

    private final class RefusalListener implements PrivateChannelEventListener {

        private final String channel;

        RefusalListener(String channel) {
            this.channel = channel;
        }

        @Override
        public void onAuthenticationFailure(String message, Exception e) {
            refusals.put(channel, String.valueOf(message));
        }

        @Override
        public void onSubscriptionSucceeded(String channelName) {
            // awaited through Channel.isSubscribed()
        }

        @Override
        public void onEvent(PusherEvent event) {
            // recorded by the global binding
        }
    }
}
