package io.switchboard.bench.replay;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.bench.BenchArguments;
import io.switchboard.bench.SwitchboardServer;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-model rebuild speed (issue 12, "Rebuild"): fills the database {@code bench_replay} with at least
 * {@code --events} events — {@code --seed-events} through the running server's REST commands (staff chats: starts,
 * messages, read markers), the rest as copies of those with shifted ids (sending 100,000 through REST takes many
 * minutes on the shared machine) — then times a full rebuild of every read model through {@code POST /api/admin/replay} on the idle server and checks
 * that the rebuilt tables equal the ones the live processor had built (a digest of every row, surrogate ids left
 * out). Phase {@code cold} instead deletes the read-model processor's tokens and rows while the server is stopped and
 * times how fast a (re)started jar replays, for up to {@code --cold-seconds}: it works with any build, so it measures
 * the code before the rebuild existed (e.g. {@code --jar=/tmp/old-switchboard.jar}).
 */
public final class ReplayBenchmark {

    private static final String USAGE = """
            usage: bench/run-replay.sh [--events=100000] [--seed-events=10000] [--phases=fill,copy,rebuild,cold]
                   [--reuse]
                   [--jar=app/target/switchboard.jar] [--rebuilds=3] [--cold-seconds=60] [--clients=16] [--conversations=200]
                   [--database=bench_replay] [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres]
                   [--server-jvm-options="-Xmx1g"] [--jfr=/tmp/replay-] (a recording per server started)
              fill     recreates bench_replay and sends --seed-events events through the server's REST commands
              copy     appends copies of those events, ids shifted, until --events are stored
              rebuild  POST /api/admin/replay on the idle server, timed; the tables must come out identical
              cold     deletes the processor's tokens and rows, starts --jar, times the replay (any build)
              --reuse  keep bench_replay when it already holds --events events (skips fill and copy)""";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GROUP = "conversation-read-models";
    private static final String HOTEL = "bench-replay";
    private static final Pattern CURRENT_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    /** Every read-model table, rows in a total order, surrogate ids out, as one digest each. */
    private static final Map<String, String> DIGESTS = Map.of(
            "query_conversation", "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY id), ''))"
                    + " FROM query_conversation t",
            "query_message", "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY message_id), ''))"
                    + " FROM query_message t",
            "query_participant", "SELECT count(*), md5(coalesce(string_agg((conversation_id, user_id, name, role,"
                    + " joined_at, active)::text, '|' ORDER BY conversation_id, id), '')) FROM query_participant",
            "query_read_marker", "SELECT count(*), md5(coalesce(string_agg((conversation_id, user_id, role,"
                    + " up_to_sequence, read_at)::text, '|' ORDER BY conversation_id, user_id), ''))"
                    + " FROM query_read_marker",
            "query_live_chat", "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY conversation_id),"
                    + " '')) FROM query_live_chat t");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String database;

    private ReplayBenchmark(Map<String, String> options) {
        this.options = options;
        this.database = options.getOrDefault("database", "bench_replay");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchArguments.parse(args, USAGE);
        List<String> phases = List.copyOf(BenchArguments.phases(options, List.of("fill", "copy", "rebuild", "cold"), USAGE));
        new ReplayBenchmark(options).run(phases);
        System.exit(0);
    }

    private void run(List<String> phases) throws Exception {
        long target = Long.parseLong(options.getOrDefault("events", "100000"));
        long seed = Math.min(target, Long.parseLong(options.getOrDefault("seed-events", "10000")));
        Path jar = Path.of(options.getOrDefault("jar", "app/target/switchboard.jar"));
        boolean reuse = options.containsKey("reuse") && databaseExists() && eventCount() >= target;
        if (phases.contains("fill") && !reuse) {
            recreateDatabase();
            try (SwitchboardServer server = start(jar, "replay-fill-")) {
                fill(server, seed);
            }
        }
        if (phases.contains("copy") && !reuse) {
            copy(target);
        }
        if (phases.contains("rebuild")) {
            try (SwitchboardServer server = start(jar, "replay-bench-")) {
                awaitCaughtUp(Duration.ofMinutes(30));
                // The first rebuild runs on a server that has only started (its JIT compiler competes for the cores);
                // the later ones on the same server show the speed of a warmed-up node, as an operator's would be.
                int rebuilds = Integer.parseInt(options.getOrDefault("rebuilds", "3"));
                for (int i = 1; i <= rebuilds; i++) {
                    System.out.printf(Locale.ROOT, "rebuild %d of %d%s%n", i, rebuilds,
                            i == 1 ? " (server just started)" : " (same server, warmed up)");
                    rebuild(server);
                }
            }
        }
        if (phases.contains("cold")) {
            cold(jar, Duration.ofSeconds(Long.parseLong(options.getOrDefault("cold-seconds", "60"))));
        }
    }

    // ---- copy

    /**
     * Appends copies of the seeded events (in their order) until {@code target} events are stored: each copy moves
     * every conversation id and message id past the ones before it (aggregate identifier and payload), keeps
     * everything else (texts, sequences, times, metadata), and the id sequences are moved past the copies, so the
     * server could go on taking commands. The server is stopped meanwhile; it handles the copies when it starts.
     */
    private void copy(long target) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            long seedMax = queryLong("SELECT max(global_index) FROM domain_event_entry");
            long seedCount = eventCount();
            long conversationOffset = queryLong("SELECT max(aggregate_identifier::bigint) FROM domain_event_entry");
            long messageOffset = queryLong("SELECT coalesce(max((convert_from(payload, 'UTF8')::jsonb"
                    + " ->> 'messageId')::bigint), 0) FROM domain_event_entry");
            long copies = 0;
            while (eventCount() < target) {
                copies++;
                long conversationShift = copies * conversationOffset;
                long messageShift = copies * messageOffset;
                statement.executeUpdate("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                        time_stamp, payload_type, payload_revision, payload, meta_data)
                        SELECT gen_random_uuid()::text, (aggregate_identifier::bigint + %1$d)::text, sequence_number,
                               type, time_stamp, payload_type, payload_revision,
                               convert_to((CASE WHEN p ? 'messageId'
                                   THEN jsonb_set(p, '{messageId}', to_jsonb((p ->> 'messageId')::bigint + %2$d))
                                   ELSE p END)::text, 'UTF8'),
                               meta_data
                        FROM (SELECT e.*, jsonb_set(convert_from(e.payload, 'UTF8')::jsonb, '{conversationId}',
                                                    to_jsonb(e.aggregate_identifier::bigint + %1$d)) AS p
                              FROM domain_event_entry e WHERE e.global_index <= %3$d) seeded
                        ORDER BY global_index""".formatted(conversationShift, messageShift, seedMax));
            }
            statement.execute("SELECT setval('conversation_id_seq', " + (copies + 1) * conversationOffset + ")");
            statement.execute("SELECT setval('message_id_seq', " + (copies + 1) * messageOffset + ")");
            System.out.printf(Locale.ROOT, "copy: %,d seeded events copied %d times: %,d events stored (%.0f s)%n",
                    seedCount, copies, eventCount(), (System.nanoTime() - start) / 1e9);
        }
    }

    // ---- fill

    private void fill(SwitchboardServer server, long target) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int conversationCount = Integer.parseInt(options.getOrDefault("conversations", "200"));
        System.out.printf(Locale.ROOT, "fill: %d staff chats, %d clients, until %,d events are stored%n",
                conversationCount, clients, target);
        long start = System.nanoTime();
        List<Long> conversations = new ArrayList<>();
        for (int i = 0; i < conversationCount; i++) {
            List<Long> participants = new ArrayList<>();
            for (int p = 1; p <= 8; p++) {
                participants.add(1000L + (i + p) % 64 + 1);
            }
            HttpResponse<String> created = post("/api/staff/hotels/" + HOTEL + "/staff-chat/conversations/",
                    staff(1000), Map.of("participant_ids", participants, "title", "chat " + i));
            require(created, 201);
            conversations.add(JSON.readTree(created.body()).get("id").asLong());
        }
        AtomicBoolean filling = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (filling.get()) {
                    int index = random.nextInt(conversations.size());
                    long conversation = conversations.get(index);
                    int sender = 1000 + (index + 1 + random.nextInt(8)) % 64 + 1;
                    long n = sent.incrementAndGet();
                    if (n % 20 == 0) {
                        require(post("/api/staff/hotels/" + HOTEL + "/staff-chat/conversations/" + conversation
                                + "/mark-read/", staff(sender), null), 200);
                    } else {
                        require(post("/api/staff-chat/" + HOTEL + "/conversations/" + conversation
                                        + "/send-message/", staff(sender),
                                Map.of("message", "message " + n + " " + "x".repeat(random.nextInt(200)),
                                        "client_message_id", "c" + n)), 201);
                    }
                }
                return null;
            }));
        }
        long lastReport = System.nanoTime();
        while (true) {
            long events = eventCount();
            if (events >= target) {
                break;
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "fill: %,d events stored%n", events);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        filling.set(false);
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "fill: %,d events stored in %.0f s (%,.0f requests/s)%n", eventCount(),
                seconds, sent.get() / seconds);
    }

    // ---- rebuild through the endpoint

    private void rebuild(SwitchboardServer server) throws Exception {
        Map<String, String[]> before = digests();
        long events = eventCount();
        System.out.printf(Locale.ROOT, "rebuild: %,d events stored, %s%n", events, counts(before));
        AuthenticatedUser admin = AuthenticatedUser.of("1", "Bench Admin", HOTEL, Role.ADMIN);
        require(post("/api/admin/replay", admin, null), 202);
        JsonNode status;
        do {
            TimeUnit.MILLISECONDS.sleep(250);
            status = JSON.readTree(get(server, "/api/admin/replay", admin).body());
        } while (status.get("state").asString().equals("running"));
        System.out.println("rebuild: " + status);
        double seconds = status.get("elapsedSeconds").asDouble();
        System.out.printf(Locale.ROOT, "rebuild: %,d events into all read models in %.1f s = %,.0f events/s%n",
                status.get("eventsTotal").asLong(), seconds, status.get("eventsTotal").asLong() / seconds);
        Map<String, String[]> after = digests();
        boolean identical = before.keySet().stream()
                .allMatch(table -> java.util.Arrays.equals(before.get(table), after.get(table)));
        System.out.println("rebuild: read models " + (identical ? "IDENTICAL to before" : "DIFFERENT: " + counts(after)));
        if (!identical) {
            throw new IllegalStateException("the rebuilt read models differ");
        }
    }

    // ---- cold replay (any build)

    private void cold(Path jar, Duration limit) throws Exception {
        long events = eventCount();
        long head = queryLong("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM token_entry WHERE processor_name = '" + GROUP + "'");
            for (String table : DIGESTS.keySet()) {
                statement.execute("DELETE FROM " + table);
            }
        }
        System.out.printf(Locale.ROOT, "cold: %,d events stored; tokens and rows of %s deleted, starting %s%n",
                events, GROUP, jar);
        // sampled from before the jar starts: its processors begin replaying during start-up
        List<long[]> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                try {
                    samples.add(new long[]{System.nanoTime(), lowestPosition()});
                    TimeUnit.MILLISECONDS.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        }, "cold-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try (SwitchboardServer server = start(jar, "replay-cold-")) {
            while (true) {
                TimeUnit.MILLISECONDS.sleep(250);
                long[] first = firstProgress(samples);
                long[] last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
                if (last != null && (last[1] >= head
                        || first != null && last[0] - first[0] > limit.toNanos())) {
                    break;
                }
            }
        } finally {
            sampling.set(false);
        }
        long[] first = firstProgress(samples);
        long[] last = samples.get(samples.size() - 1);
        double seconds = (last[0] - first[0]) / 1e9;
        System.out.printf(Locale.ROOT, "cold: %s: positions %,d to %,d of %,d in %.1f s = %,.0f events/s%n",
                last[1] >= head ? "replayed all" : "stopped after the limit", first[1], last[1], head, seconds,
                (last[1] - first[1]) / seconds);
    }

    /** The first sample showing progress (the one before it is the last at 0). */
    private static long[] firstProgress(List<long[]> samples) {
        synchronized (samples) {
            for (int i = 0; i < samples.size(); i++) {
                if (samples.get(i)[1] > 0) {
                    return i > 0 ? samples.get(i - 1) : samples.get(i);
                }
            }
        }
        return null;
    }

    /** The lowest position of the read-model processor's segments (0 before they exist). */
    private long lowestPosition() throws SQLException {
        long lowest = Long.MAX_VALUE;
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT token FROM token_entry WHERE processor_name = '" + GROUP + "'")) {
            while (rows.next()) {
                byte[] token = rows.getBytes(1);
                String json = token == null ? "" : new String(token);
                int current = json.indexOf("\"currentToken\"");
                if (current >= 0) { // a replay token: its current position, not the reset point
                    json = json.substring(current);
                }
                Matcher index = CURRENT_INDEX.matcher(json);
                long position = index.find() ? Long.parseLong(index.group(1)) : 0;
                lowest = Math.min(lowest, position);
            }
        }
        return lowest == Long.MAX_VALUE ? 0 : lowest;
    }

    // ---- helpers

    private SwitchboardServer start(Path jar, String name) throws Exception {
        List<String> jvm = new ArrayList<>(List.of(options.getOrDefault("server-jvm-options", "-Xmx1g").split(" ")));
        if (options.containsKey("jfr")) {
            jvm.add("-XX:StartFlightRecording=filename=" + options.get("jfr") + name + ".jfr,settings=profile");
        }
        SwitchboardServer server = SwitchboardServer.startWithoutPusher(jar, Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database,
                "SPRING_DATASOURCE_USERNAME", options.getOrDefault("pg-user", "postgres"),
                "SPRING_DATASOURCE_PASSWORD", options.getOrDefault("pg-password", ""),
                // no Socket.IO servers: their fixed ports may be taken on a shared machine, and nothing here uses them
                "SWITCHBOARD_LIVECHAT_ENABLED", "false",
                "SWITCHBOARD_SUPPORT_ENABLED", "false"), jvm, name);
        base = server.url("");
        System.out.println("server log: " + server.log());
        return server;
    }

    private HttpResponse<String> post(String path, AuthenticatedUser caller, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", TestTokens.bearer(caller)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(SwitchboardServer server, String path, AuthenticatedUser caller)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", TestTokens.bearer(caller)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The started server's URL, without a trailing path. */
    private String base;

    private static AuthenticatedUser staff(int id) {
        return AuthenticatedUser.of(Integer.toString(id), "Staff " + id, HOTEL, Role.STAFF);
    }

    private static void require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private void awaitCaughtUp(Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long head = queryLong("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        while (lowestPosition() < head) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the read-model processor did not catch up");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private Map<String, String[]> digests() throws SQLException {
        Map<String, String[]> digests = new java.util.TreeMap<>();
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : DIGESTS.entrySet()) {
                try (ResultSet row = statement.executeQuery(table.getValue())) {
                    row.next();
                    digests.put(table.getKey(), new String[]{row.getString(1), row.getString(2)});
                }
            }
        }
        return digests;
    }

    private static String counts(Map<String, String[]> digests) {
        StringBuilder text = new StringBuilder();
        digests.forEach((table, digest) -> text.append(text.isEmpty() ? "" : ", ").append(table).append(' ')
                .append(digest[0]));
        return text.toString();
    }

    private long eventCount() throws SQLException {
        return queryLong("SELECT count(*) FROM domain_event_entry");
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private boolean databaseExists() throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    private void recreateDatabase() throws SQLException {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + name,
                options.getOrDefault("pg-user", "postgres"), options.getOrDefault("pg-password", ""));
    }

    private String pgHost() {
        return options.getOrDefault("pg-host", "127.0.0.1");
    }

    private String pgPort() {
        return options.getOrDefault("pg-port", "5432");
    }
}
