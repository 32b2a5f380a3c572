package io.switchboard.bench.support;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.bench.SwitchboardServer;
import io.switchboard.testsupport.SoketiServer;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Issue 9: fan-out of the support Socket.IO dialect ({@code docs/support.md}) on PostgreSQL with one app node.
 * <ul>
 *     <li><b>room</b>: 100 connections (1 customer, 99 agents of one organisation) {@code join_room} one support
 *     conversation; the customer sends 200 messages at 10 a second; each {@code new_message} is timed from the
 *     sender's emit to its receipt by every member (the sender included), and to the last member's.</li>
 *     <li><b>dashboard</b>: 200 agents and supervisors {@code join_dashboard}; a customer sends 200 messages into one
 *     conversation ({@code conversation_updated}), then starts 50 conversations ({@code conversation_created}); each
 *     timed from the emit to every subscriber's receipt and to the last subscriber's.</li>
 * </ul>
 * The clients are real socket.io-client 4.8.1 connections, all in one Node process ({@code bench/support/load.js}),
 * so the emit and every receipt are read from the same clock. The server is the built jar in its own process
 * ({@link SwitchboardServer}, with soketi for its Pusher fan-out as in production); the database is recreated on
 * every run. See bench/README.md, "Support (issue 9)".
 */
public final class SupportBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOAD_DIR = Path.of("bench/support");
    private static final String INSTALL_HINT = "run `npm ci --prefix bench/support` in the repository root (node 18+)";

    private final SupportOptions options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final LocalDateTime started = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    private final long startedNanos = System.nanoTime();
    /** Phase + event → figures, in the order they were first seen. */
    private final Map<String, EventStats> stats = new LinkedHashMap<>();
    private final Map<String, JsonNode> phaseEnds = new LinkedHashMap<>();
    private final List<String> setup = new ArrayList<>();

    private SupportBenchmark(SupportOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        SupportOptions options = SupportOptions.parse(args);
        if (options.reportFrom() != null) {
            new SupportBenchmark(options).reprint(options.reportFrom());
            return;
        }
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q -Pbench install -DskipTests");
        }
        if (!Files.isDirectory(LOAD_DIR.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("the load script's socket.io-client is not installed: " + INSTALL_HINT);
        }
        if (!new SupportBenchmark(options).run(jar)) {
            throw new IllegalStateException("the load script did not finish; the figures printed are partial");
        }
    }

    /** Returns whether the load script ran to its end. */
    private boolean run(Path jar) throws Exception {
        String loadBefore = loadAverage();
        System.out.printf("Support benchmark (issue 9), %s UTC, commit %s, phases %s%s; load average %s; "
                        + "database %s is recreated%n", started, commit(), options.phases(),
                options.quick() ? " (quick)" : "", loadBefore, options.database());
        recreateDatabase();
        int supportPort = freePort();
        boolean complete;
        try (SoketiServer soketi = SoketiServer.start();
             SwitchboardServer server = SwitchboardServer.start(jar, soketi, Map.of(
                     "SPRING_DATASOURCE_URL", options.jdbcUrl(options.database()),
                     "SPRING_DATASOURCE_USERNAME", options.pgUser(),
                     "SPRING_DATASOURCE_PASSWORD", options.pgPassword(),
                     "SWITCHBOARD_SUPPORT_PORT", String.valueOf(supportPort),
                     // another benchmark's or test's server may hold the live chat's default port 5000
                     "SWITCHBOARD_LIVECHAT_PORT", "0"), options.serverJvmOptions())) {
            System.out.printf("server up (%s, log %s), support Socket.IO on port %d%n", server.database(),
                    server.log(), supportPort);
            Path plan = writePlan("http://127.0.0.1:" + supportPort);
            complete = runLoad(plan);
            System.out.printf("server log: %d ERROR lines, %d WARN lines, %d mentioning a rate limit%n",
                    server.countLogLines(Pattern.compile("\\bERROR\\b")),
                    server.countLogLines(Pattern.compile("\\bWARN\\b")),
                    server.countLogLines(Pattern.compile("rate limit", Pattern.CASE_INSENSITIVE)));
        }
        String loadAfter = loadAverage();
        System.out.printf("%nSupport benchmark (issue 9), %s UTC, commit %s, %s run in %.1f s; load average %s "
                        + "before, %s after; %d cores shared by the server, PostgreSQL, soketi and the Node "
                        + "clients%n%n", started, commit(), options.quick() ? "quick" : "full",
                (System.nanoTime() - startedNanos) / 1e9, loadBefore, loadAfter,
                Runtime.getRuntime().availableProcessors());
        setup.forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println(report());
        return complete;
    }

    /** Prints the figures of an earlier run from its saved output (run with that run's options). */
    private void reprint(Path saved) throws IOException {
        try (var lines = Files.lines(saved, StandardCharsets.UTF_8)) {
            lines.map(JSON::readTree).filter(line -> !line.path("kind").asString().equals("log"))
                    .forEach(line -> {
                        if (!line.path("kind").asString().equals("sample")) {
                            handle(line);
                        } else {
                            addSample(line);
                        }
                    });
        }
        System.out.printf("%nFigures of %s%n%n", saved);
        setup.forEach(line -> System.out.println("  " + line));
        System.out.println();
        System.out.println(report());
    }

    // --- the plan ----------------------------------------------------------------------------------------------

    private Path writePlan(String url) throws IOException {
        List<Object> phases = new ArrayList<>();
        if (options.runs("room")) {
            String tenant = "bench-support-room-" + runId;
            List<Map<String, String>> members = new ArrayList<>();
            members.add(user("customer-1", "Customer 1", tenant, Role.CUSTOMER));
            for (int i = 1; i < options.roomMembers(); i++) {
                members.add(user(String.format("agent-%03d", i), "Agent " + i, tenant, Role.AGENT));
            }
            List<Integer> senders = new ArrayList<>();
            for (int i = 0; i < options.roomSenders(); i++) {
                senders.add(i);
            }
            Map<String, Object> room = new LinkedHashMap<>();
            room.put("name", "room");
            room.put("kind", "room");
            room.put("conversationId", "room-" + runId);
            room.put("members", members);
            room.put("senders", senders);
            room.put("messages", options.roomMessages());
            room.put("warmup", options.warmup());
            room.put("rate", options.roomRate());
            phases.add(room);
        }
        if (options.runs("dashboard")) {
            String tenant = "bench-support-dash-" + runId;
            List<Map<String, String>> subscribers = new ArrayList<>();
            for (int i = 1; i <= options.dashboardSubscribers(); i++) {
                subscribers.add(i % 4 == 0
                        ? user(String.format("supervisor-%03d", i), "Supervisor " + i, tenant, Role.SUPERVISOR)
                        : user(String.format("agent-%03d", i), "Agent " + i, tenant, Role.AGENT));
            }
            Map<String, Object> dashboard = new LinkedHashMap<>();
            dashboard.put("name", "dashboard");
            dashboard.put("kind", "dashboard");
            dashboard.put("subscribers", subscribers);
            dashboard.put("sender", user("customer-1", "Customer 1", tenant, Role.CUSTOMER));
            dashboard.put("conversationId", "dash-" + runId);
            dashboard.put("messages", options.dashboardMessages());
            dashboard.put("warmup", options.warmup());
            dashboard.put("rate", options.dashboardRate());
            dashboard.put("created", options.createdConversations());
            dashboard.put("createdPrefix", "new-" + runId + "-");
            phases.add(dashboard);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("url", url);
        plan.put("connectConcurrency", 20);
        plan.put("joinConcurrency", 10);
        plan.put("timeoutMs", options.timeout().toMillis());
        plan.put("phases", phases);
        Path file = Files.createTempFile("switchboard-support-plan-", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, JSON.writeValueAsString(plan));
        return file;
    }

    private static Map<String, String> user(String id, String name, String tenant, Role role) {
        String wireRole = switch (role) {
            case CUSTOMER -> "cx-customer";
            case AGENT -> "cx-agent";
            case SUPERVISOR -> "cx-supervisor";
            default -> throw new IllegalArgumentException(role.name());
        };
        return Map.of("userId", id, "role", wireRole,
                "token", TestTokens.token(AuthenticatedUser.of(id, name, tenant, role)));
    }

    // --- the load script ---------------------------------------------------------------------------------------

    /** Runs the Node load script to its end; false when it failed or did not finish in time. */
    private boolean runLoad(Path plan) throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", LOAD_DIR.resolve("load.js").toString(), plan.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread killer = new Thread(node::destroyForcibly, "support-load-shutdown");
        Runtime.getRuntime().addShutdownHook(killer);
        long deadline = System.nanoTime() + expectedRunNanos();
        Thread watchdog = new Thread(() -> {
            try {
                while (node.isAlive()) {
                    if (System.nanoTime() > deadline) {
                        System.out.println("the load script overran its time; stopping it");
                        node.destroyForcibly();
                        return;
                    }
                    TimeUnit.SECONDS.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "support-load-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        boolean done = false;
        Path raw = Path.of("bench/target/support-" + runId + ".jsonl");
        Files.createDirectories(raw.getParent());
        System.out.println("the load script's output (every sample) goes to " + raw);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(),
                StandardCharsets.UTF_8)); var copy = Files.newBufferedWriter(raw, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                copy.write(line);
                copy.newLine();
                JsonNode json;
                try {
                    json = JSON.readTree(line);
                } catch (RuntimeException notJson) {
                    System.out.println("load: " + line);
                    continue;
                }
                done |= handle(json);
            }
        } finally {
            node.waitFor(10, TimeUnit.SECONDS);
            node.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        return done && node.exitValue() == 0;
    }

    /** Generously: every phase's schedule plus connecting and joining, times three, plus a minute. */
    private long expectedRunNanos() {
        double seconds = 60;
        if (options.runs("room")) {
            seconds += (options.roomMessages() + options.warmup()) / options.roomRate() + options.roomMembers() * 0.2;
        }
        if (options.runs("dashboard")) {
            seconds += (options.dashboardMessages() + options.warmup() + options.createdConversations() + 5)
                    / options.dashboardRate() + options.dashboardSubscribers() * 0.1;
        }
        return (long) (seconds * 3 * 1e9);
    }

    private boolean handle(JsonNode line) {
        switch (line.path("kind").asString()) {
            case "log" -> System.out.println("load: " + line.path("message").asString());
            case "setup" -> {
                String text = String.format(Locale.ROOT, "%s: %s %d connections in %.2f s%s",
                        line.path("phase").asString(), line.path("step").asString(), line.path("count").asInt(),
                        line.path("ms").asDouble() / 1000, line.path("failed").asInt() == 0 ? ""
                                : ", " + line.path("failed").asInt() + " failed, e.g. " + line.path("errors"));
                setup.add(text);
                System.out.println(text);
            }
            case "sample" -> {
                EventStats figures = addSample(line);
                if (figures != null && figures.messages % 50 == 0) {
                    System.out.printf("%s %s: %d messages, %s%n", figures.phase, figures.event, figures.messages,
                            figures.progress());
                }
            }
            case "phase-end" -> {
                phaseEnds.put(line.path("phase").asString(), line);
                System.out.println("load: " + line);
            }
            case "fatal" -> System.out.println("load script FAILED: " + line.path("message").asString());
            case "done" -> {
                return true;
            }
            default -> System.out.println("load: " + line);
        }
        return false;
    }

    /** Adds a measured sample to its phase's and event's figures; null for a warm-up sample. */
    private EventStats addSample(JsonNode line) {
        if (line.path("warmup").asBoolean()) {
            return null;
        }
        String phase = line.path("phase").asString();
        String event = line.path("event").asString();
        EventStats figures = stats.computeIfAbsent(phase + " " + event, key -> new EventStats(phase, event));
        figures.add(line);
        return figures;
    }

    // --- figures -----------------------------------------------------------------------------------------------

    /** One phase's one event type: per delivery, first and last receiver, acks, what went wrong. */
    private static final class EventStats {
        final String phase;
        final String event;
        final Latencies perDelivery = new Latencies();
        final Latencies first = new Latencies();
        final Latencies last = new Latencies();
        final Latencies ack = new Latencies();
        double maxEmitLag;
        int messages;
        int receivers;
        long missing;
        long incomplete;
        long duplicates;
        long ackErrors;
        String firstAckError;

        EventStats(String phase, String event) {
            this.phase = phase;
            this.event = event;
        }

        void add(JsonNode sample) {
            messages++;
            maxEmitLag = Math.max(maxEmitLag, sample.path("emitLagMs").asDouble());
            duplicates += sample.path("duplicates").asLong();
            if (!sample.path("ackError").isNull() && !sample.path("ackError").isMissingNode()) {
                ackErrors++;
                if (firstAckError == null) {
                    firstAckError = sample.path("ackError").asString();
                }
                return; // refused: nothing to deliver
            }
            ack.add(sample.path("ackMs").isNumber() ? sample.path("ackMs").asDouble() : Latencies.TIMED_OUT);
            JsonNode deliveries = sample.path("deliveriesMs");
            receivers = deliveries.size();
            double lowest = Double.NaN;
            double highest = Double.NaN;
            int got = 0;
            for (JsonNode delivery : deliveries) {
                if (delivery.isNull()) {
                    missing++;
                    perDelivery.add(Latencies.TIMED_OUT);
                    continue;
                }
                double millis = delivery.asDouble();
                perDelivery.add(millis);
                lowest = Double.isNaN(lowest) ? millis : Math.min(lowest, millis);
                highest = Double.isNaN(highest) ? millis : Math.max(highest, millis);
                got++;
            }
            first.add(got > 0 ? lowest : Latencies.TIMED_OUT);
            if (got == deliveries.size()) {
                last.add(highest);
            } else {
                incomplete++;
                last.add(Latencies.TIMED_OUT);
            }
        }

        String progress() {
            return "per delivery p50 " + Latencies.millis(perDelivery.percentile(0.5)) + ", last receiver p50 "
                    + Latencies.millis(last.percentile(0.5)) + ", missing " + missing;
        }
    }

    private String report() {
        StringBuilder out = new StringBuilder();
        if (options.runs("room")) {
            out.append(String.format(Locale.ROOT, "room: %d members (1 customer, %d agents of one organisation) in "
                            + "one support conversation; %d messages at %s/s from %s%n", options.roomMembers(),
                    options.roomMembers() - 1, options.roomMessages(), rate(options.roomRate()),
                    options.roomSenders() == 1 ? "1 sender (the customer)"
                            : options.roomSenders() + " senders taking turns (the customer, then agents)"));
        }
        if (options.runs("dashboard")) {
            int supervisors = options.dashboardSubscribers() / 4;
            out.append(String.format(Locale.ROOT, "dashboard: %d subscribers (%d agents, %d supervisors); a "
                            + "customer sends %d messages into one conversation at %s/s, then starts %d "
                            + "conversations at %s/s%n", options.dashboardSubscribers(),
                    options.dashboardSubscribers() - supervisors, supervisors, options.dashboardMessages(),
                    rate(options.dashboardRate()), options.createdConversations(), rate(options.dashboardRate())));
        }
        out.append(String.format("%d warm-up messages before each measured series are not counted; times from "
                + "the sender's emit, all in one Node process (one clock)%n%n", options.warmup()));
        out.append("| phase | event | from the emit until | n | p50 | p90 | p99 | max |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        List<String> checks = new ArrayList<>();
        for (EventStats figures : stats.values()) {
            String who = figures.phase.equals("room") ? "member" : "subscriber";
            String event = "`" + figures.event + "`";
            row(out, figures.phase, event, "each " + who + " has it (per delivery)", figures.perDelivery);
            row(out, figures.phase, event, "the first " + who + " has it", figures.first);
            row(out, figures.phase, event, "the last " + who + " has it (all " + figures.receivers + ")",
                    figures.last);
            row(out, figures.phase, "`send_message` ack", "the sender has the ack", figures.ack);
            checks.add(String.format(Locale.ROOT, "%s %s: %d messages; %d of %d deliveries not within %s (%d "
                            + "messages), counted as \"timed out\" above; %d duplicates; %d refused or unanswered%s; "
                            + "emits at most %s behind schedule", figures.phase, figures.event, figures.messages,
                    figures.missing, (long) (figures.messages - figures.ackErrors) * figures.receivers,
                    Latencies.millis(options.timeout().toMillis()), figures.incomplete, figures.duplicates,
                    figures.ackErrors,
                    figures.firstAckError == null ? "" : " (" + figures.firstAckError + ")",
                    Latencies.millis(figures.maxEmitLag)));
        }
        for (Map.Entry<String, JsonNode> end : phaseEnds.entrySet()) {
            JsonNode line = end.getValue();
            JsonNode loop = line.path("eventLoopDelayMs");
            checks.add(String.format(Locale.ROOT, "%s client: Node event-loop delay while measuring p50 %s, p99 "
                            + "%s, max %s; %d receipts after the timeout (late, not lost), %d receipts of messages "
                            + "this run did not send, %d disconnects", end.getKey(),
                    Latencies.millis(loop.path("p50").asDouble()), Latencies.millis(loop.path("p99").asDouble()), Latencies.millis(loop.path("max").asDouble()),
                    line.path("late").asLong(), line.path("unmatched").asLong(), line.path("disconnects").asLong()));
        }
        out.append('\n');
        checks.forEach(check -> out.append("- ").append(check).append('\n'));
        return out.toString();
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static void row(StringBuilder table, String phase, String event, String until, Latencies values) {
        table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s |%n", phase, event, until,
                values.count(), Latencies.millis(values.percentile(0.5)), Latencies.millis(values.percentile(0.9)),
                Latencies.millis(values.percentile(0.99)), Latencies.millis(values.max())));
    }

    // --- environment -------------------------------------------------------------------------------------------

    /** Drops and creates the benchmark's database (disconnecting anything still attached, e.g. a killed run). */
    private void recreateDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(options.jdbcUrl("postgres"), options.pgUser(),
                options.pgPassword()); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
