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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
        try (SoketiServer soketi = SoketiServer.start(); Server server = Server.start(jar, soketi)) {
            run(server, soketi, messages, warmup);
        }
    }

    private static void run(Server server, SoketiServer soketi, int messages, int warmup) throws Exception {
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

    /** The built jar in its own process, configured through the environment as in production. */
    private record Server(Process process, int port, String database) implements AutoCloseable {

        static Server start(Path jar, SoketiServer soketi) throws Exception {
            int port = freePort();
            Path dataDirectory = Files.createTempDirectory("switchboard-bench-");
            ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dataDirectory.resolve("server.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("PORT", String.valueOf(port));
            env.put("SWITCHBOARD_DATA_DIR", dataDirectory.toString());
            env.put("SWITCHBOARD_AUTH_JWT_SECRET", TestTokens.SECRET);
            env.put("PUSHER_APP_ID", soketi.appId());
            env.put("PUSHER_KEY", soketi.key());
            env.put("PUSHER_SECRET", soketi.secret());
            env.put("PUSHER_HOST", soketi.host());
            env.put("PUSHER_PORT", String.valueOf(soketi.port()));
            env.put("PUSHER_ENCRYPTED", "false");
            String database = env.containsKey("SPRING_DATASOURCE_URL")
                    ? "database " + env.get("SPRING_DATASOURCE_URL") : "embedded H2 database";
            Server server = new Server(builder.start(), port, database);
            HttpClient http = HttpClient.newHttpClient();
            waitUntil(() -> server.healthy(http), "the server to start (log: " + dataDirectory + "/server.log)");
            return server;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        private boolean healthy(HttpClient http) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue());
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                        .body().contains("UP");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
