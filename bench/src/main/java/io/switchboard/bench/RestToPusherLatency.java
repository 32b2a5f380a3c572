package io.switchboard.bench;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.Channel;
import com.pusher.client.connection.ConnectionState;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.testsupport.SoketiServer;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * REST send → Pusher delivery latency, end to end on this machine: starts soketi and the built jar
 * ({@code app/target/switchboard.jar}, embedded database unless {@code SPRING_DATASOURCE_URL} is set), creates a
 * staff conversation, subscribes a real Pusher client to its channel, then sends N messages one at a time through
 * the seed-000 URL and times each from just before the POST until the client receives it.
 * <p>
 * Arguments: {@code [messages=1000] [warmup=100]}. Prints p50/p90/p99/max of delivery and of the POST itself.
 */
public final class RestToPusherLatency {

    private static final String HOTEL = "bench-hotel";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q package -DskipTests");
        }
        try (SoketiServer soketi = SoketiServer.start();
             SwitchboardServer server = SwitchboardServer.start(jar, soketi, Map.of(), List.of())) {
            run(server, soketi, messages, warmup);
        }
    }

    private static void run(SwitchboardServer server, SoketiServer soketi, int messages, int warmup) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = TestTokens.token(AuthenticatedUser.of("45", "John Doe", HOTEL, Role.STAFF));
        JsonNode conversation = post(http, server.url("/api/staff/hotels/" + HOTEL + "/staff-chat/conversations/"),
                token, "{\"participant_ids\":[46]}");
        long conversationId = conversation.get("id").asLong();

        Map<String, CountDownLatch> pending = new ConcurrentHashMap<>();
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        Pusher pusher = new Pusher(soketi.key(), new PusherOptions().setHost(soketi.host())
                .setWsPort(soketi.port()).setUseTLS(false));
        pusher.connect();
        waitUntil(() -> pusher.getConnection().getState() == ConnectionState.CONNECTED, "Pusher connection");
        Channel channel = pusher.subscribe(HOTEL + ".staff-chat." + conversationId);
        channel.bind("realtime_staff_chat_message_created", event -> {
            long now = System.nanoTime();
            String text = JSON.readTree(event.getData()).get("payload").get("text").asString();
            receivedAt.putIfAbsent(text, now);
            CountDownLatch latch = pending.get(text);
            if (latch != null) {
                latch.countDown();
            }
        });
        waitUntil(channel::isSubscribed, "subscription");

        String sendUrl = server.url("/api/staff-chat/" + HOTEL + "/conversations/" + conversationId + "/send-message/");
        long[] delivery = new long[messages];
        long[] post = new long[messages];
        long started = System.nanoTime();
        for (int i = -warmup; i < messages; i++) {
            String text = "bench message " + i;
            CountDownLatch delivered = new CountDownLatch(1);
            pending.put(text, delivered);
            long t0 = System.nanoTime();
            post(http, sendUrl, token, JSON.writeValueAsString(Map.of("message", text)));
            long t1 = System.nanoTime();
            if (!delivered.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("message " + i + " was not delivered within 10 s");
            }
            if (i >= 0) {
                post[i] = t1 - t0;
                delivery[i] = receivedAt.get(text) - t0;
            }
            if (i == -1) {
                started = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pusher.disconnect();

        System.out.printf("%nREST send -> Pusher delivery, %d messages one at a time (after %d warm-up), %s%n",
                messages, warmup, server.database());
        System.out.println("  delivery (POST start -> subscriber receives): " + percentiles(delivery));
        System.out.println("  POST round trip:                              " + percentiles(post));
        System.out.printf("  %.1f messages/s sequential%n", messages / seconds);
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", at(sorted, 0.50), at(sorted, 0.90),
                at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static JsonNode post(HttpClient http, String url, String token, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20); // a benchmark driver, not a test: plain polling is fine here
        }
    }
}
