package io.switchboard.bench.writepath;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.Channel;
import com.pusher.client.connection.ConnectionState;
import io.switchboard.testsupport.SoketiServer;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Real pusher-java-client subscribers, as the staff frontends hold them, on the conversation channels
 * {@code {hotel}.staff-chat.{id}}, noting when each message (by its unique text) first arrived.
 * <p>
 * Not test-support's PusherTestClient: that one records events without arrival times. The channels are spread
 * over a few connections because one connection handles its events on one thread.
 */
final class PusherDeliveries implements AutoCloseable {

    static final String EVENT = "realtime_staff_chat_message_created";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Pusher> connections = new ArrayList<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();

    PusherDeliveries(SoketiServer soketi, List<Long> conversationIds, int connectionCount)
            throws InterruptedException {
        List<Channel> channels = new ArrayList<>();
        for (int c = 0; c < connectionCount; c++) {
            Pusher pusher = new Pusher(soketi.key(), new PusherOptions().setHost(soketi.host())
                    .setWsPort(soketi.port()).setUseTLS(false));
            connections.add(pusher);
            pusher.connect();
        }
        for (Pusher pusher : connections) {
            waitUntil(() -> pusher.getConnection().getState() == ConnectionState.CONNECTED, "Pusher connection");
        }
        for (int i = 0; i < conversationIds.size(); i++) {
            Channel channel = connections.get(i % connectionCount)
                    .subscribe(HotelApi.HOTEL + ".staff-chat." + conversationIds.get(i));
            channel.bind(EVENT, event -> {
                long now = System.nanoTime();
                String text = JSON.readTree(event.getData()).get("payload").get("text").asString();
                if (receivedAt.putIfAbsent(text, now) != null) {
                    duplicates.incrementAndGet(); // delivery is at least once
                }
            });
            channels.add(channel);
        }
        waitUntil(() -> channels.stream().allMatch(Channel::isSubscribed), "Pusher subscriptions");
    }

    /** When the message with this text first arrived (System.nanoTime), or null. */
    Long receivedAt(String text) {
        return receivedAt.get(text);
    }

    long duplicates() {
        return duplicates.get();
    }

    @Override
    public void close() {
        connections.forEach(Pusher::disconnect);
    }

    static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
