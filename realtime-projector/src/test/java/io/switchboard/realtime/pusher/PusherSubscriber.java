package io.switchboard.realtime.pusher;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.Channel;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionState;
import io.switchboard.testsupport.SoketiServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A real pusher-java-client connection, as a browser or app would hold one, recording what each channel receives. */
final class PusherSubscriber implements AutoCloseable {

    private final Pusher client;
    private final Map<String, List<PusherEvent>> received = new ConcurrentHashMap<>();

    PusherSubscriber(SoketiServer server) {
        client = new Pusher(server.key(), new PusherOptions()
                .setHost(server.host())
                .setWsPort(server.port())
                .setUseTLS(false));
        client.connect();
        await("connection to soketi").atMost(Duration.ofSeconds(10))
                .until(() -> client.getConnection().getState() == ConnectionState.CONNECTED);
    }

    /** Subscribes and returns once the server confirmed every subscription, so nothing published later is missed. */
    void subscribe(String... channels) {
        List<Channel> subscribed = new CopyOnWriteArrayList<>();
        for (String name : channels) {
            List<PusherEvent> events = received.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>());
            Channel channel = client.subscribe(name);
            channel.bindGlobal(event -> {
                if (!event.getEventName().startsWith("pusher")) {
                    events.add(event);
                }
            });
            subscribed.add(channel);
        }
        await("subscriptions to " + List.of(channels)).atMost(Duration.ofSeconds(10))
                .until(() -> subscribed.stream().allMatch(Channel::isSubscribed));
    }

    List<PusherEvent> received(String channel) {
        return List.copyOf(received.getOrDefault(channel, List.of()));
    }

    @Override
    public void close() {
        client.disconnect();
    }
}
