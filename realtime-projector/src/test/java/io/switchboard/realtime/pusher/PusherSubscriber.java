package io.switchboard.realtime.pusher;

import com.pusher.client.ChannelAuthorizer;
import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.Channel;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import io.switchboard.testsupport.SoketiServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A real pusher-java-client connection, as a browser or app would hold one, recording what each channel receives.
 * {@code private-} channels are joined through the given {@link ChannelAuthorizer}, exactly as the client library
 * does it: it asks the authorizer for a signature, and the server checks it.
 */
final class PusherSubscriber implements AutoCloseable {

    private static final Duration SUBSCRIPTION = Duration.ofSeconds(10);

    private final Pusher client;
    private final Map<String, List<PusherEvent>> received = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    PusherSubscriber(SoketiServer server) {
        this(server, (channel, socketId) -> {
            throw new IllegalStateException("no authorizer for " + channel);
        });
    }

    PusherSubscriber(SoketiServer server, ChannelAuthorizer authorizer) {
        client = new Pusher(server.key(), new PusherOptions()
                .setHost(server.host())
                .setWsPort(server.port())
                .setUseTLS(false)
                .setChannelAuthorizer(authorizer));
        client.connect();
        await("connection to soketi").atMost(SUBSCRIPTION)
                .until(() -> client.getConnection().getState() == ConnectionState.CONNECTED);
    }

    /** Subscribes and returns once the server confirmed every subscription, so nothing published later is missed. */
    void subscribe(String... channels) {
        List<Channel> subscribed = new CopyOnWriteArrayList<>();
        for (String name : channels) {
            subscribed.add(join(name));
        }
        await("subscriptions to " + List.of(channels)).atMost(SUBSCRIPTION)
                .until(() -> subscribed.stream().allMatch(Channel::isSubscribed));
    }

    /** Tries to join a private channel and returns the client's reason once the authorizer refused it. */
    String subscribeRefused(String channel) {
        join(channel);
        return await("refusal of " + channel).atMost(SUBSCRIPTION).until(() -> refusals.get(channel),
                reason -> reason != null);
    }

    private Channel join(String name) {
        List<PusherEvent> events = received.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>());
        Channel channel = name.startsWith("private-")
                ? client.subscribePrivate(name, new RefusalListener(name))
                : client.subscribe(name);
        channel.bindGlobal(event -> {
            if (!event.getEventName().startsWith("pusher")) {
                events.add(event);
            }
        });
        return channel;
    }

    List<PusherEvent> received(String channel) {
        return List.copyOf(received.getOrDefault(channel, List.of()));
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
