package io.switchboard.bench.audit;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.bench.BenchArguments;
import io.switchboard.bench.SwitchboardServer;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 12's audit figures: how long the audit API takes on a conversation of N events (default 10,000) — state as of
 * an instant (a full replay of the conversation's events), a transcript, the chain's verification, a history page.
 * Starts the jar on its own PostgreSQL database ({@code bench_audit}, dropped and recreated), fills one staff chat
 * through the hotel REST API, then times each call (warm-up first). Not part of the test suite.
 */
public final class AuditBenchmark {

    private static final String USAGE = """
            bench/run-audit.sh [--events=10000] [--senders=8] [--repeats=20] [--database=bench_audit]
                               [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=]
            Drops and recreates the database; needs the jar built (app/target/switchboard.jar).""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> options;
    private SwitchboardServer server;

    private AuditBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArguments.parse(args, USAGE);
        List<String> known = List.of("events", "senders", "repeats", "database", "pg-host", "pg-port", "pg-user",
                "pg-password");
        options.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
        });
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q -Pbench install -DskipTests");
        }
        new AuditBenchmark(options).run(jar);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    private void run(Path jar) throws Exception {
        int events = intOption("events", 10_000);
        int senders = intOption("senders", 8);
        int repeats = intOption("repeats", 20);
        String database = option("database", "bench_audit");
        if (!database.matches("[a-z_][a-z0-9_]*") || events < 2 || senders < 1 || repeats < 1) {
            throw new IllegalArgumentException(USAGE);
        }
        String host = option("pg-host", "127.0.0.1");
        String port = option("pg-port", "5432");
        String user = option("pg-user", "postgres");
        String password = option("pg-password", "");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, password); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        LocalDateTime started = LocalDateTime.now().withNano(0);
        System.out.printf("Audit benchmark (issue 12), %s, %d events in one conversation, %d senders, %d repeats, "
                + "database %s%n", started, events, senders, repeats, database);
        try (SwitchboardServer running = SwitchboardServer.startWithoutPusher(jar, Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://" + host + ":" + port + "/" + database,
                "SPRING_DATASOURCE_USERNAME", user,
                "SPRING_DATASOURCE_PASSWORD", password,
                "SWITCHBOARD_SUPPORT_PORT", "0",
                "SWITCHBOARD_LIVECHAT_PORT", "0"), List.of("-Xmx512m"), "audit-bench-")) {
            server = running;
            String hotel = "bench-hotel";
            AuthenticatedUser alice = AuthenticatedUser.of("1001", "Alice", hotel, Role.STAFF);
            AuthenticatedUser bob = AuthenticatedUser.of("1002", "Bob", hotel, Role.STAFF);
            AuthenticatedUser auditor = AuthenticatedUser.of("audit-1", "Auditor", hotel, Role.AUDITOR);
            JsonNode created = JSON.readTree(post("/api/staff/hotels/" + hotel + "/staff-chat/conversations/", alice,
                    "{\"participant_ids\":[1002]}").body());
            long id = created.get("id").asLong();
            long fillStart = System.nanoTime();
            fill(id, hotel, List.of(alice, bob), events - 1, senders);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf("filled conversation %d with %d messages in %.1f s (%.0f msg/s)%n", id, events - 1,
                    fillSeconds, (events - 1) / fillSeconds);
            Instant end = Instant.now();
            String base = "/api/audit/conversations/" + id;
            String mid = URLEncoder.encode(midInstant(base, auditor, events).toString(), StandardCharsets.UTF_8);
            System.out.println();
            System.out.println("| call | events replayed/read | p50 | p95 | max | bytes |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            time("state as of now", base + "/state?at=" + URLEncoder.encode(end.toString(), StandardCharsets.UTF_8),
                    auditor, events, repeats);
            time("state as of the middle", base + "/state?at=" + mid, auditor, events / 2, repeats);
            time("transcript JSON", base + "/transcript", auditor, events, repeats);
            time("transcript CSV", base + "/transcript?format=csv", auditor, events, repeats);
            time("verify (chain of all events)", base + "/verify", auditor, events, repeats);
            time("history page of 100", base + "/events?limit=100&after_sequence=" + (events / 2), auditor, 100,
                    repeats);
            System.out.printf("%nmachine: %d cores shared by the server, PostgreSQL and this client%n",
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** The timestamp of the middle event, so "as of the middle" replays half and stops. */
    private Instant midInstant(String base, AuthenticatedUser auditor, int events) throws Exception {
        JsonNode page = JSON.readTree(get(base + "/events?limit=1&after_sequence=" + (events / 2 - 1), auditor).body());
        return Instant.parse(page.get("events").get(0).get("timestamp").asString());
    }

    private void fill(long id, String hotel, List<AuthenticatedUser> people, int messages, int senders)
            throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                AuthenticatedUser sender = people.get(s % people.size());
                running.add(pool.submit(() -> {
                    for (long n = next.getAndIncrement(); n < messages; n = next.getAndIncrement()) {
                        HttpResponse<String> sent = post("/api/staff-chat/" + hotel + "/conversations/" + id
                                + "/send-message/", sender, "{\"message\":\"message " + n + " of the audit bench\"}");
                        if (sent.statusCode() != 201) {
                            throw new IllegalStateException("send answered " + sent.statusCode() + " " + sent.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void time(String name, String path, AuthenticatedUser auditor, int events, int repeats) throws Exception {
        long bytes = 0;
        for (int i = 0; i < Math.max(3, repeats / 4); i++) {
            bytes = check(get(path, auditor)).body().length();
        }
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            check(get(path, auditor));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("| %s | %,d | %.1f ms | %.1f ms | %.1f ms | %,d |%n", name, events,
                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6,
                nanos[nanos.length - 1] / 1e6, bytes);
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + " "
                    + response.body());
        }
        return response;
    }

    private HttpResponse<String> get(String path, AuthenticatedUser caller) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TestTokens.token(caller)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, AuthenticatedUser caller, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TestTokens.token(caller))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
