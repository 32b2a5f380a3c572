package io.switchboard.bench.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Issue 8: the live-chat Socket.IO dialect under load, on PostgreSQL, one server node with a fixed heap. Starts the
 * built jar and one Node process with many socket.io-client 4.x connections ({@code bench/livechat/load.js}) and
 * measures, per {@code --phases}:
 * <ul>
 *   <li><b>claim</b>: {@code staff_join} from emit to ack, a fresh chat each time (the visitor leaves after each claim);</li>
 *   <li><b>fanout</b>: a visitor's {@code visitor_first_msg} until each of 500 staff sockets has
 *       {@code append_unclaimed_chats}: the last of them, and per socket;</li>
 *   <li><b>heap</b>: the server's used heap after a full GC with 0, 1,000, ... idle sockets, per 1,000 sockets.</li>
 * </ul>
 * Prints markdown tables (bench/README.md, "Live chat (issue 8)") and stops everything it started, also on failure.
 */
public final class LiveChatBenchmark {

    /** ERROR and WARN lines of the log, not those of start-up (thread main), which may follow the health check. */
    private static final Pattern ERROR_LINES = Pattern.compile("\\sERROR\\s(?!.*\\[\\s*main\\])");
    private static final Pattern WARN_LINES = Pattern.compile("\\sWARN\\s(?!.*\\[\\s*main\\])");
    private static final Pattern OVERFLOW_LINES = Pattern.compile("does not keep up");
    /** Fan-out rounds run first and not reported (JIT, the first chat of the organisation). */
    private static final int FANOUT_WARMUP_ROUNDS = 2;
    /** A server using at most this share of one core over a second has done the work a batch of connects caused. */
    private static final double QUIET_CPU = 0.10;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(180);
    /** The heap phase stops adding sockets once the used heap after a full GC passes this share of the heap. */
    private static final double HEAP_GUARD = 0.6;

    private final LiveChatOptions options;
    private final Path work;
    private final List<String> report = new ArrayList<>();
    private LiveChatServer server;
    private LoadClient client;

    private LiveChatBenchmark(LiveChatOptions options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        LiveChatOptions options = LiveChatOptions.parse(args.length == 1 ? args[0].trim().split("\\s+") : args);
        Path work = Files.createTempDirectory("switchboard-livechat-bench-client-");
        new LiveChatBenchmark(options, work).run();
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build with "
                    + "`mvn -B -q -Pbench install -DskipTests` (bench/run-live-chat.sh does)");
        }
        progress("live-chat benchmark, " + LocalDateTime.now().withNano(0) + ", " + machine());
        progress("options: " + options);
        recreateDatabase();
        progress("database " + options.database() + " recreated; starting the server ("
                + String.join(" ", options.serverJvmOptions()) + ")");
        server = LiveChatServer.start(jar, Map.of(
                "SPRING_DATASOURCE_URL", options.jdbcUrl(options.database()),
                "SPRING_DATASOURCE_USERNAME", options.pgUser(),
                "SPRING_DATASOURCE_PASSWORD", options.pgPassword()), options.serverJvmOptions());
        try {
            progress("server pid " + server.pid() + " at " + server.liveChatUrl() + " (log " + server.log() + ")");
            long startupErrors = server.countLogLines(ERROR_LINES);
            long startupWarnings = server.countLogLines(WARN_LINES);
            client = LoadClient.start(server.liveChatUrl(), work.resolve("load-js.log"));
            try {
                if (options.runs("claim")) {
                    claimPhase();
                }
                if (options.runs("fanout")) {
                    fanoutPhase();
                }
                if (options.runs("heap")) {
                    heapPhase();
                }
                JsonNode stats = client.call(Map.of("op", "stats"), "stats", Duration.ofSeconds(30));
                report.add("");
                report.add(String.format(Locale.ROOT, "Client: sockets dropped by the server or the network %d %s; "
                                + "load.js RSS %.0f MiB. Server log after start-up: %d ERROR, %d WARN lines, %d "
                                + "lane overflows. Run took %.0f s.",
                        stats.path("dropped").asLong(), stats.path("dropReasons"), stats.path("rssMb").asDouble(),
                        server.countLogLines(ERROR_LINES) - startupErrors,
                        server.countLogLines(WARN_LINES) - startupWarnings,
                        server.countLogLines(OVERFLOW_LINES), (System.nanoTime() - started) / 1e9));
            } finally {
                client.close();
            }
        } finally {
            server.close();
        }
        System.out.println();
        System.out.println("## Live chat (issue 8), " + LocalDateTime.now().withNano(0) + ", " + machine());
        report.forEach(System.out::println);
    }

    // --- 1. claim latency ------------------------------------------------------------------------------------

    private void claimPhase() throws Exception {
        String tenant = "bench-claims";
        int pairs = options.claimPairs();
        connect("claim-agents", users(tenant, "agent", Role.AGENT, pairs), "staff_init");
        connect("claim-visitors", users(tenant, "visitor", Role.VISITOR, pairs), null);
        int total = options.claimWarmup() + options.claims();
        progress("claim: " + options.claimWarmup() + " warm-up + " + options.claims() + " claims over " + pairs
                + " visitor/agent pairs, " + options.claimConcurrency() + " at a time");
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("op", "claims");
        command.put("visitors", "claim-visitors");
        command.put("agents", "claim-agents");
        command.put("warmup", options.claimWarmup());
        command.put("count", options.claims());
        command.put("concurrency", options.claimConcurrency());
        command.put("minIntervalMs", options.claimIntervalMillis());
        JsonNode result = client.call(command, "claims", Duration.ofSeconds(120 + total * 5L));
        Stats claim = new Stats().addAll(result.path("claim"));
        Stats first = new Stats().addAll(result.path("first"));
        Stats leave = new Stats().addAll(result.path("leave"));
        double seconds = result.path("ms").asDouble() / 1000;
        progress("claim: staff_join " + claim.summary() + "; errors " + result.path("errors").asInt() + " "
                + result.path("errorSamples"));
        report.add("");
        report.add(String.format(Locale.ROOT, "### 1. Claim latency (%d claims after %d warm-up, %d pairs, %d at a "
                        + "time, %.1f claims/s)", claim.count(), options.claimWarmup(), pairs,
                options.claimConcurrency(), total / seconds));
        report.add("");
        report.add("| emit → ack | n | p50 | p90 | p99 | max | mean |");
        report.add("| --- | --- | --- | --- | --- | --- | --- |");
        report.add(row("**`staff_join`** (the claim)", claim));
        report.add(row("`visitor_first_msg` (before it)", first));
        report.add(row("`visitor_leave_room` (after it)", leave));
        report.add("");
        report.add("Refused or unanswered events: " + result.path("errors").asInt()
                + (result.path("errors").asInt() > 0 ? " " + result.path("errorSamples") : "") + ".");
        disconnect("claim-agents");
        disconnect("claim-visitors");
    }

    // --- 2. queue fan-out ------------------------------------------------------------------------------------

    private void fanoutPhase() throws Exception {
        String tenant = "bench-fanout";
        int staff = options.staff();
        long[] heapBefore = measure(0);
        progress("fanout: connecting " + staff + " agents of one organisation (each waits for staff_init)");
        JsonNode connected = connect("fanout-staff", users(tenant, "agent", Role.AGENT, staff), "staff_init");
        double connectSeconds = connected.path("ms").asDouble() / 1000;
        // the last presence broadcasts (staff_goes_online to everyone) drain
        long settled = Math.abs(server.awaitQuiet(QUIET_CPU, Duration.ofSeconds(2), SETTLE_MAX)) / 1_000_000;
        long[] heapWithStaff = measure(connected.path("ok").asInt(), settled);
        connect("fanout-visitor", users(tenant, "visitor", Role.VISITOR, 1), null);
        TimeUnit.SECONDS.sleep(2);
        int rounds = FANOUT_WARMUP_ROUNDS + options.fanoutRounds();
        progress("fanout: " + FANOUT_WARMUP_ROUNDS + " warm-up + " + options.fanoutRounds() + " rounds");
        Stats last = new Stats();
        Stats median = new Stats();
        Stats perSocket = new Stats();
        Stats ack = new Stats();
        Stats elu = new Stats();
        int[] missing = {0};
        JsonNode summary = client.call(Map.of("op", "fanout", "visitor", "fanout-visitor", "staff", "fanout-staff",
                "rounds", rounds, "timeoutMs", 30_000, "pauseMs", 300), "fanout",
                Duration.ofSeconds(60 + rounds * 65L), line -> {
                    if (line.path("round").asInt() < FANOUT_WARMUP_ROUNDS) {
                        return;
                    }
                    Stats round = new Stats().addAll(line.path("latencies"));
                    line.path("latencies").forEach(value -> perSocket.add(value.asDouble()));
                    missing[0] += line.path("missing").asInt();
                    ack.add(line.path("ack").asDouble());
                    elu.add(line.path("elu").asDouble());
                    if (line.path("missing").asInt() == 0) {
                        last.add(round.max());
                    }
                    median.add(round.percentile(0.5));
                    progress(String.format(Locale.ROOT, "fanout round %d: ack %s, first %s, median %s, last %s, "
                                            + "missing %d, load.js event loop busy %.0f %%", line.path("round").asInt(),
                            Stats.millis(line.path("ack").asDouble()), Stats.millis(round.percentile(0)),
                            Stats.millis(round.percentile(0.5)), Stats.millis(round.max()),
                            line.path("missing").asInt(), line.path("elu").asDouble() * 100));
                });
        report.add("");
        report.add(String.format(Locale.ROOT, "### 2. Queue fan-out to %d staff (%d rounds after %d warm-up; "
                        + "connecting them took %.1f s, %d failed, and the server was busy %s more)", staff,
                ack.count(), FANOUT_WARMUP_ROUNDS, connectSeconds, connected.path("failed").asInt(),
                Stats.millis(settled)));
        report.add("");
        report.add("| `visitor_first_msg` emit → `append_unclaimed_chats` | n | p50 | p90 | p99 | max | mean |");
        report.add("| --- | --- | --- | --- | --- | --- | --- |");
        report.add(row("**last of the " + staff + " staff sockets** (per round)", last));
        report.add(row("median staff socket (per round)", median));
        report.add(row("**every staff socket** (all rounds pooled)", perSocket));
        report.add(row("`visitor_first_msg` ack (the visitor)", ack));
        report.add("");
        report.add("Deliveries missing after 30 s: " + missing[0] + "; refused events: "
                + summary.path("errors").asInt() + (summary.path("errors").asInt() > 0 ? " "
                + summary.path("errorSamples") : "") + String.format(Locale.ROOT, ". The load.js event loop was "
                + "busy %.0f %% (median round) from the emit to the last receipt: all %d staff sockets are decoded "
                + "by one Node thread, so that share of the spread is the client's.", elu.percentile(0.5) * 100, staff));
        report.add(String.format(Locale.ROOT, "Server heap after a full GC: %s before the staff connected, %s with "
                        + "them (%s per 1,000 staff sockets, each with its `staff_init` sent and in the presence room).",
                Stats.mib(heapBefore[1]), Stats.mib(heapWithStaff[1]),
                Stats.mib((heapWithStaff[1] - heapBefore[1]) * 1000.0 / Math.max(1, heapWithStaff[0]))));
        disconnect("fanout-visitor");
        disconnect("fanout-staff");
        TimeUnit.SECONDS.sleep(3);
    }

    // --- 3. heap per idle socket -----------------------------------------------------------------------------

    private void heapPhase() throws Exception {
        int step = options.idleStep();
        int perOrganisation = options.idlePerOrganisation();
        String organisations = perOrganisation <= 0 ? "all in one organisation"
                : String.format(Locale.ROOT, "%d to an organisation", perOrganisation);
        progress("heap: idle visitor sockets, " + organisations + "; warm-up connect/disconnect of "
                + Math.min(step, 500));
        connect("idle-warmup", idleVisitors("warmup", 0, Math.min(step, 500)), null);
        disconnect("idle-warmup");
        server.awaitQuiet(QUIET_CPU, Duration.ofSeconds(2), SETTLE_MAX);
        List<long[]> points = new ArrayList<>(); // {sockets, used KiB, committed KiB, rss KiB, threads, settle ms}
        points.add(measure(0, 0));
        Map<String, long[]> before = server.classHistogram();
        int open = 0;
        int batch = 0;
        String stoppedBecause = null;
        while (open + step <= options.idleMax()) {
            batch++;
            JsonNode connected = connect("idle-" + batch, idleVisitors("idle" + batch + "-", open, step), null);
            open += connected.path("ok").asInt();
            long settled = server.awaitQuiet(QUIET_CPU, Duration.ofSeconds(2), SETTLE_MAX);
            if (connected.path("failed").asInt() > 0) {
                stoppedBecause = connected.path("failed").asInt() + " of " + step + " sockets failed to connect at "
                        + open + " open: " + connected.path("errors");
            } else if (settled < 0) {
                stoppedBecause = "the server was still busy " + SETTLE_MAX.toSeconds() + " s after the batch that "
                        + "reached " + open + " sockets";
            }
            if (!server.isAlive()) {
                stoppedBecause = "the server died (its log: " + server.log() + ")";
                break;
            }
            long[] point = measure(open, Math.abs(settled) / 1_000_000);
            points.add(point);
            if (stoppedBecause == null && point[1] > point[2] * HEAP_GUARD) {
                stoppedBecause = String.format(Locale.ROOT, "the used heap after a full GC passed %.0f %% of the "
                        + "heap at %,d sockets", HEAP_GUARD * 100, open);
            }
            if (stoppedBecause != null) {
                progress("heap: stopping: " + stoppedBecause);
                break;
            }
        }
        int sockets = (int) points.get(points.size() - 1)[0];
        Map<String, long[]> after = sockets > 0 && server.isAlive() ? server.classHistogram() : Map.of();
        for (int b = 1; b <= batch; b++) {
            disconnect("idle-" + b);
        }
        long[] closed = null;
        if (server.isAlive()) {
            long settled = server.awaitQuiet(QUIET_CPU, Duration.ofSeconds(5), SETTLE_MAX);
            closed = measure(0, Math.abs(settled) / 1_000_000);
        }

        report.add("");
        report.add("### 3. Server heap with idle live-chat sockets (visitors, " + organisations + ", no staff online; "
                + "used heap after `jcmd GC.run` ×2, `GC.heap_info`; " + String.join(" ", options.serverJvmOptions())
                + ")");
        report.add("");
        report.add("| idle sockets | used heap | Δ per 1,000 sockets vs 0 | Δ per 1,000 vs previous row | RSS "
                + "| RSS Δ per 1,000 vs 0 | threads | server busy after the batch |");
        report.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        long[] base = points.get(0);
        for (int i = 0; i < points.size(); i++) {
            long[] point = points.get(i);
            long[] previous = i == 0 ? point : points.get(i - 1);
            report.add(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %d | %s |", point[0],
                    Stats.mib(point[1]), point[0] == 0 ? "–" : Stats.mib((point[1] - base[1]) * 1000.0 / point[0]),
                    i == 0 ? "–" : Stats.mib((point[1] - previous[1]) * 1000.0 / (point[0] - previous[0])),
                    Stats.mib(point[3]), point[0] == 0 ? "–" : Stats.mib((point[3] - base[3]) * 1000.0 / point[0]),
                    point[4], i == 0 ? "–" : Stats.millis(point[5])));
        }
        if (closed != null) {
            report.add(String.format(Locale.ROOT, "| 0 again (all closed) | %s | | | %s | | %d | %s |",
                    Stats.mib(closed[1]), Stats.mib(closed[3]), closed[4], Stats.millis(closed[5])));
        }
        report.add("");
        report.add(String.format(Locale.ROOT, "Least-squares slope over the rows: **%s of heap per 1,000 idle "
                        + "sockets** (%.1f KiB a socket); RSS %s per 1,000 (clients %s permessage-deflate). \"Server "
                        + "busy\": from the batch's last connect until the server used ≤ %.0f %% of a core for a "
                        + "second (at least 2 s).", Stats.mib(slope(points, 1) * 1000), slope(points, 1),
                Stats.mib(slope(points, 3) * 1000), options.clientDeflate() ? "offer" : "do not offer",
                QUIET_CPU * 100));
        if (stoppedBecause != null) {
            report.add("Stopped early: " + stoppedBecause + ".");
        }
        report.add("");
        if (sockets > 0 && !after.isEmpty()) {
            report.add("Where it goes (live objects by class, `jcmd GC.class_histogram`, " + String.format(Locale.ROOT,
                    "%,d", sockets) + " sockets minus 0; top 12 by bytes):");
            report.add("");
            report.add("| class | instances per socket | bytes per socket |");
            report.add("| --- | --- | --- |");
            List<Map.Entry<String, long[]>> growth = new ArrayList<>();
            after.forEach((name, figures) -> {
                long[] old = before.getOrDefault(name, new long[2]);
                growth.add(Map.entry(name, new long[] {figures[0] - old[0], figures[1] - old[1]}));
            });
            growth.stream().filter(entry -> !entry.getKey().equals("Total"))
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed())
                    .limit(12)
                    .forEach(entry -> report.add(String.format(Locale.ROOT, "| `%s` | %.1f | %,.0f |", entry.getKey(),
                            entry.getValue()[0] / (double) sockets, entry.getValue()[1] / (double) sockets)));
            long[] total = growth.stream().filter(entry -> entry.getKey().equals("Total")).map(Map.Entry::getValue)
                    .findFirst().orElse(new long[2]);
            report.add(String.format(Locale.ROOT, "| total | %.1f | %,.0f |", total[0] / (double) sockets,
                    total[1] / (double) sockets));
        }
    }

    /** {@code count} visitors {@code prefix0001...}, the n-th of the run (from {@code first}) in its organisation. */
    private Path idleVisitors(String prefix, int first, int count) throws IOException {
        int perOrganisation = options.idlePerOrganisation();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String id = String.format(Locale.ROOT, "%s%05d", prefix, i);
            String tenant = perOrganisation <= 0 ? "bench-idle"
                    : String.format(Locale.ROOT, "bench-idle-%04d", (first + i - 1) / perOrganisation);
            AuthenticatedUser user = new AuthenticatedUser(id, "Visitor " + id, id + "@example.com", tenant,
                    Role.VISITOR, null, null);
            lines.append("{\"id\":\"").append(id).append("\",\"token\":\"").append(TestTokens.token(user))
                    .append("\"}\n");
        }
        Path file = work.resolve("idle-" + prefix + "-" + count + ".jsonl");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private long[] measure(int sockets) throws IOException, InterruptedException {
        return measure(sockets, 0);
    }

    private long[] measure(int sockets, long settledMillis) throws IOException, InterruptedException {
        long[] heap = server.heapAfterFullGc();
        long[] point = {sockets, heap[0], heap[1], server.rssKb(), server.threads(), settledMillis};
        progress(String.format(Locale.ROOT, "heap: %,d sockets: used %s of %s committed, RSS %s, %d threads "
                        + "(server busy %s after the batch)", sockets, Stats.mib(heap[0]), Stats.mib(heap[1]),
                Stats.mib(point[3]), point[4], Stats.millis(settledMillis)));
        return point;
    }

    /** Least-squares slope of column {@code y} (KiB) over sockets: KiB per socket. */
    private static double slope(List<long[]> points, int y) {
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double meanY = points.stream().mapToDouble(p -> p[y]).sum() / n;
        double numerator = 0;
        double denominator = 0;
        for (long[] p : points) {
            numerator += (p[0] - meanX) * (p[y] - meanY);
            denominator += (p[0] - meanX) * (p[0] - meanX);
        }
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** A tokens file of {@code count} users {@code prefix0001...}: one {"id","token"} JSON line each. */
    private Path users(String tenant, String prefix, Role role, int count) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            String id = String.format(Locale.ROOT, "%s%04d", prefix, i);
            AuthenticatedUser user = role == Role.VISITOR
                    ? new AuthenticatedUser(id, "Visitor " + id, id + "@example.com", tenant, role, null, null)
                    : new AuthenticatedUser(id, "Agent " + id, id + "@" + tenant + ".example", tenant, role, null, null);
            lines.append("{\"id\":\"").append(id).append("\",\"token\":\"").append(TestTokens.token(user))
                    .append("\"}\n");
        }
        Path file = work.resolve(tenant + "-" + prefix + "-" + count + ".jsonl");
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private JsonNode connect(String group, Path tokens, String waitFor) throws IOException, InterruptedException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("op", "connect");
        command.put("group", group);
        command.put("file", tokens.toAbsolutePath().toString());
        command.put("concurrency", options.connectConcurrency());
        command.put("waitFor", waitFor);
        command.put("timeoutMs", 60_000);
        command.put("deflate", options.clientDeflate());
        JsonNode connected = client.call(command, "connected", Duration.ofMinutes(15));
        progress(String.format(Locale.ROOT, "connected %s: %d ok, %d failed in %.1f s (%d open)%s", group,
                connected.path("ok").asInt(), connected.path("failed").asInt(), connected.path("ms").asDouble() / 1000,
                connected.path("open").asInt(), connected.path("failed").asInt() > 0 ? " " + connected.path("errors")
                        : ""));
        return connected;
    }

    private void disconnect(String group) throws IOException, InterruptedException {
        client.call(Map.of("op", "disconnect", "group", group), "disconnected", Duration.ofMinutes(2));
    }

    private void recreateDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.jdbcUrl("postgres"), options.pgUser(),
                options.pgPassword()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
    }

    private static String row(String what, Stats stats) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |", what, stats.count(),
                Stats.millis(stats.percentile(0.5)), Stats.millis(stats.percentile(0.9)),
                Stats.millis(stats.percentile(0.99)), Stats.millis(stats.max()), Stats.millis(stats.mean()));
    }

    private static String machine() {
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
    }

    private static void progress(String line) {
        System.out.println("[livechat] " + line);
        System.out.flush();
    }
}
