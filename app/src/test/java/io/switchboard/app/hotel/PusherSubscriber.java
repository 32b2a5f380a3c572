package io.switchboard.app.hotel;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.ChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import io.switchboard.testsupport.SoketiServer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A real Pusher client (the one Java frontends use) listening to channels of a soketi server. */
final class PusherSubscriber implements AutoCloseable {

    private final Pusher pusher;
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();

    PusherSubscriber(SoketiServer soketi) {
        pusher = new Pusher(soketi.key(), new PusherOptions().setHost(soketi.host()).setWsPort(soketi.port())
                .setUseTLS(false));
        pusher.connect();
    }

    /** Subscribes and returns once the server confirmed, so no later event can be missed. */
    void subscribe(String eventName, String... channels) {
        for (String channel : channels) {
            received.put(channel, new CopyOnWriteArrayList<>());
            pusher.subscribe(channel, new ChannelEventListener() {
                @Override
                public void onSubscriptionSucceeded(String channelName) {
                    subscribed.add(channelName);
                }

                @Override
                public void onEvent(PusherEvent event) {
                    received.get(event.getChannelName()).add(HotelApi.JSON.readTree(event.getData()));
                }
            }, eventName);
        }
        await("subscriptions to " + List.of(channels)).atMost(Duration.ofSeconds(15))
                .until(() -> subscribed.containsAll(List.of(channels)));
    }

    /** Every event received on {@code channel} so far, in arrival order. */
    List<JsonNode> received(String channel) {
        return List.copyOf(received.get(channel));
    }

    @Override
    public void close() {
        pusher.disconnect();
    }
}
