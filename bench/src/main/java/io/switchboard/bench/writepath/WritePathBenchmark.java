package io.switchboard.bench.writepath;

import io.switchboard.bench.SwitchboardServer;
import io.switchboard.bench.writepath.BenchDatabase.MessageStats;
import io.switchboard.bench.writepath.HotelApi.SendResult;
import io.switchboard.bench.writepath.OpenLoop.Target;
import io.switchboard.testsupport.SoketiServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 6, "the write path": how many messages per second the server accepts, how fast, and whether a busy
 * conversation collapses, against the ceiling of what this machine's PostgreSQL commits (pgbench with an
 * event-shaped insert). Starts soketi and the built jar on PostgreSQL (the database is recreated), runs the phases
 * chosen with {@code --phases} (all by default; see {@link Options#USAGE} and bench/README.md), checks the stored
 * messages, prints one markdown table, and stops everything it started, also on failure.
 */
public final class WritePathBenchmark {

    /** Senders in every conversation: the most clients any phase uses, each a distinct staff member. */
    private static final int MAX_CLIENTS = 64;
    private static final int CONVERSATIONS = 100;
    private static final Duration SETTLE_MAX = Duration.ofSeconds(60);
    /** How long after its schedule an open loop may still send overdue requests before abandoning them. */
    private static final Duration OPEN_LOOP_GRACE = Duration.ofSeconds(5);
    /** How long after the last send Pusher deliveries are waited for. */
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static final Pattern HIKARI_EXHAUSTED = Pattern.compile("Connection is not available");
    private static final Pattern TIMEOUT_LINES = Pattern.compile("(?i)timed? ?out");
    private static final Pattern ERROR_LINES = Pattern.compile("\\sERROR\\s");

    private final Options options;
    private final Report report = new Report();
    private final Ledger ledger = new Ledger();
    private final long started = System.nanoTime();
    private final LocalDateTime runStarted = LocalDateTime.now().withNano(0);
    private BenchDatabase database;
    private SoketiServer soketi;
    private SwitchboardServer server;
    private HotelApi api;
    private ClosedLoop closedLoop;
    private OpenLoop openLoop;
    private List<Long> hundred;

    private WritePathBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q -Pbench install -DskipTests");
        }
        new WritePathBenchmark(options).run(jar);
    }

    private void run(Path jar) throws Exception {
        System.out.printf("Write-path benchmark (issue 6), %s, commit %s, phases %s%s; database %s is recreated%n",
                runStarted, commit(),
                options.phases(), options.quick() ? " (quick)" : "", options.database());
        try (BenchDatabase db = new BenchDatabase(options)) {
            database = db;
            db.recreate();
            db.open();
            if (options.runs("pgbench")) {
                phase("pgbench", this::pgbench);
            }
            try (SoketiServer pusherServer = SoketiServer.start();
                 SwitchboardServer app = SwitchboardServer.start(jar, pusherServer, Map.of(
                         "SPRING_DATASOURCE_URL", options.jdbcUrl(),
                         "SPRING_DATASOURCE_USERNAME", options.pgUser(),
                         "SPRING_DATASOURCE_PASSWORD", options.pgPassword()), options.serverJvmOptions())) {
                soketi = pusherServer;
                server = app;
                api = new HotelApi(app, options.requestTimeout(), options.maxInFlight());
                closedLoop = new ClosedLoop(api, ledger, options.requestTimeout());
                openLoop = new OpenLoop(api, ledger, options.requestTimeout());
                System.out.printf("server up (%s, log %s), soketi on port %d%n", app.database(), app.log(),
                        pusherServer.port());
                if (Stream.of("a", "b", "c", "d", "e", "f").anyMatch(options::runs)) {
                    warmUpServer();
                }
                phase("a", this::singleClient);
                phase("b", this::oneBusyConversation);
                phase("c", this::hundredConversations);
                phase("d", this::openLoopWithPusher);
                phase("e", this::readModelVisibility);
                phase("f", this::longConversation);
                phase("g", this::verify);
                serverLog(app);
                api.close();
            }
        } finally {
            System.out.printf("%nTotal run time %s.%n", Format.seconds(System.nanoTime() - started));
        }
        System.out.printf("%nWrite-path benchmark, %s, commit %s, %s run in %s%n%n", runStarted, commit(),
                options.quick() ? "quick" : "full", Format.seconds(System.nanoTime() - started));
        System.out.println(report.markdown());
        System.out.println("Server database " + options.jdbcUrl() + "; " + Runtime.getRuntime().availableProcessors()
                + " cores shared by the server, PostgreSQL, soketi and this client.");
    }

    private interface Phase {
        void run() throws Exception;
    }

    /**
     * Runs a phase unless it was not chosen or the time budget is spent; a failing phase is reported and the next
     * one runs, so one problem does not lose the other figures.
     */
    private void phase(String name, Phase phase) {
        if (!options.runs(name)) {
            return;
        }
        if (System.nanoTime() - started > options.budget().toNanos()) {
            System.out.printf("%n== %s: skipped, the time budget of %s is spent%n", name, options.budget());
            report.add(name, "skipped", "time budget (" + options.budget().toSeconds() + " s) spent");
            return;
        }
        if (server != null && !server.isAlive()) {
            report.add(name, "skipped", "the server is not running");
            return;
        }
        System.out.printf("%n== phase %s (at %s)%n", name, Format.seconds(System.nanoTime() - started));
        try {
            if (server != null) {
                settle();
            }
            phase.run();
        } catch (Exception e) {
            System.out.println("  phase " + name + " FAILED: " + e);
            e.printStackTrace(System.out);
            report.add(name, "FAILED", String.valueOf(e).replace('|', '/').replace('\n', ' '));
        }
    }

    /** Waits for the tracking processors to catch up, so each phase starts from a quiet server. */
    private void settle() throws Exception {
        long waited = database.awaitProcessors(ledger.created(), SETTLE_MAX);
        if (waited < 0) {
            System.out.printf("  (processors still behind after %s: lag %s events, read model %d of %d messages)%n",
                    SETTLE_MAX, database.processorLag(), database.readModelMessageCount(), ledger.created());
        } else if (waited > TimeUnit.MILLISECONDS.toNanos(500)) {
            System.out.printf("  (waited %s for the processors to catch up with the previous phase)%n",
                    Format.seconds(waited));
        }
    }

    /**
     * A fresh JVM runs interpreted for its first seconds; without this, phase a (the first) would measure the JIT,
     * not the write path. Its sends count in the ledger (and the correctness check) only.
     */
    private void warmUpServer() throws Exception {
        long start = System.nanoTime();
        List<Long> conversations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            conversations.add(createConversation("warm-up " + i));
        }
        LoadResult result = closedLoop.run("server warm-up, 8 clients, 8 conversations", "warmup", 8, Duration.ZERO,
                options.serverWarmup(), (client, n) -> conversations.get(client));
        System.out.printf("%n== server warm-up: %d messages in %s (not reported)%n", result.latency.count(),
                Format.seconds(System.nanoTime() - start));
    }

    // ---- pgbench: the ceiling ----

    private void pgbench() throws Exception {
        for (PgbenchCeiling.Figure figure : new PgbenchCeiling(options, database).run(1, 16)) {
            report.pgbench(figure.clients(), figure.tps());
            System.out.printf("  pgbench event-shaped insert, %2d client(s): %.0f tps (latency average %.2f ms)%n",
                    figure.clients(), figure.tps(), figure.latencyMillis());
            report.add(new Report.Row("pgbench", "event-shaped insert, " + figure.clients()
                    + (figure.clients() == 1 ? " client" : " clients"), String.format("%.0f tps, avg %.2f ms",
                    figure.tps(), figure.latencyMillis()), Double.NaN, false, "", "ceiling", ""));
        }
    }

    // ---- a, b, c: closed loop ----

    private void singleClient() throws Exception {
        long conversation = createConversation("a: one client");
        long hikari = hikariLines();
        LoadResult result = closedLoop.run("a  1 client, 1 conversation", "a", 1, options.warmup(),
                options.measure(), (client, n) -> conversation);
        System.out.println("  " + result.line());
        report.add(new Report.Row("a", "1 client, 1 conversation", throughput(result), result.messagesPerSecond(),
                true, errors(result, hikari), "", ""));
    }

    private void oneBusyConversation() throws Exception {
        double fourClients = Double.NaN;
        for (int clients : new int[] {4, 16, 64}) {
            settle();
            long conversation = createConversation("b: " + clients + " clients");
            long hikari = hikariLines();
            LoadResult result = closedLoop.run("b  " + clients + " clients, 1 conversation", "b" + clients, clients,
                    options.warmup(), options.measure(), (client, n) -> conversation);
            System.out.println("  " + result.line());
            double rate = result.messagesPerSecond();
            String target = "";
            String met = "";
            if (clients == 4) {
                fourClients = rate;
            } else {
                target = "≥ 500 msg/s and ≥ 4-client figure";
                met = Report.met(rate >= 500 && rate >= fourClients);
            }
            report.add(new Report.Row("b", clients + " clients, 1 conversation", throughput(result), rate, false,
                    errors(result, hikari), target, met));
        }
    }

    private void hundredConversations() throws Exception {
        List<Long> conversations = hundredConversationIds();
        for (int clients : new int[] {16, 64}) {
            settle();
            long hikari = hikariLines();
            LoadResult result = closedLoop.run("c  " + clients + " clients, 100 conversations", "c" + clients,
                    clients, options.warmup(), options.measure(),
                    (client, n) -> conversations.get(ThreadLocalRandom.current().nextInt(conversations.size())));
            System.out.println("  " + result.line());
            double ratio = result.messagesPerSecond() / report.pgbench16();
            System.out.printf("  msg/s ÷ pgbench-16 tps = %s%n", Format.ratio(ratio));
            report.add(new Report.Row("c", clients + " clients, 100 conversations (random)", throughput(result),
                    result.messagesPerSecond(), false, errors(result, hikari), clients == 16 ? "≥ 0.3 × pgbench-16" : "",
                    clients == 16 ? (Double.isNaN(ratio) ? "n/a" : Report.met(ratio >= 0.3)) : ""));
        }
    }

    // ---- d + e(i): open loop, POST latency and Pusher delivery ----

    private record Delivered(String text, long plannedNanos, long answeredNanos) {
    }

    private void openLoopWithPusher() throws Exception {
        List<Long> conversations = hundredConversationIds();
        Queue<Delivered> expected = new ConcurrentLinkedQueue<>();
        LoadResult result;
        try (PusherDeliveries pusher = new PusherDeliveries(soketi, conversations, 4)) {
            long hikari = hikariLines();
            result = openLoop.run("d  open loop " + options.openLoopRate() + "/s, 100 conversations", "d",
                    options.openLoopRate(), options.warmup(), options.measure(), options.maxInFlight(),
                    OPEN_LOOP_GRACE, spreadOver(conversations),
                    (index, planned, measured, target, text, answer) -> {
                        if (measured && answer.created()) {
                            expected.add(new Delivered(text, planned, answer.endNanos()));
                        }
                    });
            System.out.println("  " + result.line());
            awaitDeliveries(pusher, expected);
            Samples fromPlanned = new Samples();
            Samples fromAnswer = new Samples();
            long missing = 0;
            for (Delivered message : expected) {
                Long at = pusher.receivedAt(message.text());
                if (at == null) {
                    missing++;
                } else {
                    fromPlanned.add(at - message.plannedNanos());
                    fromAnswer.add(at - message.answeredNanos());
                }
            }
            System.out.println("  e(i) Pusher delivery, planned send → received: " + fromPlanned.summary());
            System.out.println("       201 answer → received:                    " + fromAnswer.summary());
            System.out.printf("       %d of %d sent messages missing, %d duplicate deliveries%n", missing,
                    expected.size(), pusher.duplicates());
            report.add(new Report.Row("d", "open loop " + options.openLoopRate() + " msg/s offered, 100 conversations: "
                    + "POST (from planned send)", "achieved " + Format.rate(result.messagesPerSecond()) + " msg/s, "
                    + answered(result), result.messagesPerSecond(), false, errors(result, hikari), "p99 ≤ 50 ms",
                    Report.met(result.latency.percentileMillis(0.99) <= 50 && result.notSent.get() == 0)));
            report.add(new Report.Row("e(i)", "Pusher delivery at the same rate (planned send → subscriber)",
                    fromPlanned.p50p99() + " (after the 201: " + fromAnswer.p50p99() + ")", Double.NaN, false,
                    "missing " + missing + " of " + expected.size() + " (not received within "
                    + DELIVERY_WAIT.toSeconds() + " s)", "p99 ≤ 100 ms, none missing",
                    Report.met(fromPlanned.percentileMillis(0.99) <= 100 && missing == 0)));
        }
    }

    /**
     * Until every sent message arrived, or the tracking processors have handled every event and 2 s more passed
     * (what is missing then was never published), or {@link #DELIVERY_WAIT}.
     */
    private void awaitDeliveries(PusherDeliveries pusher, Queue<Delivered> expected) throws Exception {
        long start = System.nanoTime();
        long caughtUpAt = -1;
        while (System.nanoTime() - start < DELIVERY_WAIT.toNanos()) {
            if (expected.stream().allMatch(message -> pusher.receivedAt(message.text()) != null)) {
                break;
            }
            OptionalLong lag = database.processorLag();
            if (lag.isPresent() && lag.getAsLong() == 0) {
                if (caughtUpAt < 0) {
                    caughtUpAt = System.nanoTime();
                } else if (System.nanoTime() - caughtUpAt > TimeUnit.SECONDS.toNanos(2)) {
                    break;
                }
            } else {
                caughtUpAt = -1;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.printf("  (waited %s after the last answer for Pusher deliveries)%n",
                Format.seconds(System.nanoTime() - start));
    }

    // ---- e(ii): read-model visibility, sampled, and the burst ----

    private void readModelVisibility() throws Exception {
        List<Long> conversations = hundredConversationIds();
        LoadResult result;
        ReadVisibility visibility = new ReadVisibility(api, 2, 20, Duration.ofMillis(20));
        long unseen;
        long hikari = hikariLines();
        try {
            result = openLoop.run("e  open loop " + options.openLoopRate() + "/s + GET sampling", "e",
                    options.openLoopRate(), options.warmup(), options.measure(), options.maxInFlight(),
                    OPEN_LOOP_GRACE, spreadOver(conversations),
                    (index, planned, measured, target, text, answer) -> {
                        if (measured && answer.created() && index % 20 == 0) {
                            visibility.expect(target.conversationId(), answer.messageId(), planned, answer.endNanos());
                        }
                    });
            unseen = visibility.awaitAll(Duration.ofSeconds(30));
        } finally {
            visibility.close();
        }
        System.out.println("  " + result.line());
        System.out.println("  e(ii) visible in GET …/messages/, planned send → seen: " + visibility.fromPlanned.summary());
        System.out.println("        201 answer → seen:                           " + visibility.fromAnswer.summary());
        System.out.printf("        %d sampled messages never seen; %d page reads by the pollers%n", unseen,
                visibility.reads());
        report.add(new Report.Row("e(ii)", "read model: every 20th message visible in GET at "
                + options.openLoopRate() + " msg/s offered (planned send → seen)", visibility.fromPlanned.p50p99()
                + " (after the 201: " + visibility.fromAnswer.p50p99() + "); sends achieved "
                + Format.rate(result.messagesPerSecond()) + " msg/s, POST " + answered(result),
                Double.NaN, false, "not seen " + unseen + "; sends: " + errors(result, hikari), "", ""));
        settle();
        burst(conversations);
    }

    /** Issue 11: a burst as fast as 8 clients can send, then how long until the read model shows the last one. */
    private void burst(List<Long> conversations) throws Exception {
        record Answer(long conversationId, long messageId, long answeredNanos) {
        }
        AtomicReference<Answer> last = new AtomicReference<>();
        Queue<Long> ids = new ConcurrentLinkedQueue<>();
        long hikari = hikariLines();
        LoadResult result = closedLoop.run("e  burst " + options.burstMessages() + " messages, 8 clients", "burst", 8,
                Duration.ZERO, Duration.ofSeconds(90), options.burstMessages(),
                (client, n) -> conversations.get((int) (n % conversations.size())),
                (conversation, n, answer) -> {
                    if (answer.created()) {
                        ids.add(answer.messageId());
                        Answer candidate = new Answer(conversation, answer.messageId(), answer.endNanos());
                        last.accumulateAndGet(candidate,
                                (a, b) -> a == null || b.answeredNanos() > a.answeredNanos() ? b : a);
                    }
                });
        System.out.println("  " + result.line());
        Answer lastAnswer = last.get();
        if (lastAnswer == null) {
            report.add("e(ii)", "burst", "no message was accepted");
            return;
        }
        long lastSeen = -1;
        long allSeen = -1;
        List<Long> allIds = new ArrayList<>(ids);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((lastSeen < 0 || allSeen < 0) && System.nanoTime() < deadline) {
            if (lastSeen < 0 && api.newestMessageIds(lastAnswer.conversationId(), 100)
                    .contains(lastAnswer.messageId())) {
                lastSeen = System.nanoTime();
            }
            if (allSeen < 0 && database.visibleCount(allIds) == allIds.size()) {
                allSeen = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        String lastLag = lastSeen < 0 ? "> 60 s" : Format.millis((lastSeen - lastAnswer.answeredNanos()) / 1e6);
        String allLag = allSeen < 0 ? "> 60 s" : Format.millis((allSeen - lastAnswer.answeredNanos()) / 1e6);
        System.out.printf("  burst: last 201 → last message in GET %s; → all %d in the read model (SQL) %s%n",
                lastLag, allIds.size(), allLag);
        report.add(new Report.Row("e(ii)", "burst: " + options.burstMessages() + " messages from 8 clients over 100 "
                + "conversations, then last 201 → visible in GET", lastLag + " (all in read model: " + allLag
                + "); burst " + Format.rate(result.messagesPerSecond()) + " msg/s", result.messagesPerSecond(), false,
                errors(result, hikari), "issue 11: ~7 s before", ""));
    }

    // ---- f: long conversation ----

    /**
     * Issue 6's "no slower when long": 50 sequential sends at #10..#59 of a fresh conversation, a fill to
     * {@code --long-messages} with 4 clients (bounded by {@code --long-fill-cap}), then 50 sequential sends after
     * it. The machine is shared, so a second ratio compares the late sends with a fresh conversation's #10..#59
     * sent alternately with them, in the same moment's conditions; the target is judged on that one.
     */
    private void longConversation() throws Exception {
        long conversation = createConversation("f: long conversation");
        String sender = HotelApi.senders(1).get(0);
        sequential(conversation, sender, "f-head", 9, new Samples());
        Samples early = sequential(conversation, sender, "f-early", 50, new Samples());
        long sent = ledger.created(conversation);
        int target = options.longConversationMessages();
        long fillStart = System.nanoTime();
        long hikari = hikariLines();
        LoadResult fill = closedLoop.run("f  fill to #" + target + ", 4 clients", "f-fill", 4, Duration.ZERO,
                options.longConversationFillCap(), Math.max(0, target - sent), (client, n) -> conversation,
                (c, n, answer) -> { });
        System.out.println("  " + fill.line() + " (" + Format.seconds(System.nanoTime() - fillStart) + ")");
        settle();
        long reached = ledger.created(conversation);
        long fresh = createConversation("f: fresh conversation");
        sequential(fresh, sender, "f-fresh-head", 9, new Samples());
        Samples late = new Samples();
        Samples freshSamples = new Samples();
        for (int i = 0; i < 50; i++) {
            sequential(conversation, sender, "f-late-" + i, 1, late);
            sequential(fresh, sender, "f-fresh-" + i, 1, freshSamples);
        }
        double ratio = late.meanMillis() / early.meanMillis();
        double interleaved = late.meanMillis() / freshSamples.meanMillis();
        String lateLabel = "#" + (reached + 1) + "..#" + (reached + late.count());
        System.out.printf("  sequential sends #10..#59:            %s%n  sequential sends %s:      %s%n"
                        + "  a fresh conversation's #10..#59, sent alternately with those: %s%n"
                        + "  ratio of means: %s (vs the start), %s (vs the fresh conversation at the same time)%n",
                early.summary(), lateLabel, late.summary(), freshSamples.summary(), Format.ratio(ratio),
                Format.ratio(interleaved));
        String capped = reached >= target ? "" : " (fill stopped at its time cap with #" + reached + ")";
        report.add(new Report.Row("f", "long conversation: mean of 50 sequential sends " + lateLabel + capped
                + " vs #10..#59 at the start, and vs a fresh conversation's #10..#59 sent alternately with them",
                "mean " + Format.millis(late.meanMillis()) + " vs " + Format.millis(early.meanMillis()) + " → ratio "
                + Format.ratio(ratio) + "; vs " + Format.millis(freshSamples.meanMillis()) + " → ratio "
                + Format.ratio(interleaved) + " (p50 " + Format.millis(late.percentileMillis(0.5)) + " vs "
                + Format.millis(early.percentileMillis(0.5)) + " / " + Format.millis(freshSamples.percentileMillis(0.5))
                + "); fill " + Format.rate(fill.messagesPerSecond()) + " msg/s with 4 clients",
                Double.NaN, false, "fill: " + errors(fill, hikari), "ratio ≤ 1.2 (the alternating one)",
                Report.met(interleaved <= 1.2)));
    }

    /** {@code count} sends one after another by one sender; adds the latencies of those answered 2xx. */
    private Samples sequential(long conversation, String sender, String prefix, int count, Samples samples)
            throws Exception {
        for (int i = 0; i < count; i++) {
            SendResult answer = api.send(api.sendRequest(conversation, sender, prefix + "-" + i, prefix + "-" + i));
            ledger.record(conversation, answer);
            if (answer.created()) {
                samples.add(answer.latencyNanos());
            }
        }
        return samples;
    }

    // ---- g: correctness ----

    private void verify() throws Exception {
        settle();
        List<Long> conversations = ledger.conversationIds();
        Map<Long, MessageStats> stats = new HashMap<>();
        database.messageStats(conversations).forEach(s -> stats.put(s.conversationId(), s));
        List<String> problems = new ArrayList<>();
        long beyondAnswered = 0;
        for (long conversation : conversations) {
            long created = ledger.created(conversation);
            long ambiguous = ledger.ambiguous(conversation);
            MessageStats s = stats.getOrDefault(conversation, new MessageStats(conversation, 0, 0, 0, 0, 0));
            if (s.count() < created || s.count() > created + ambiguous) {
                problems.add("conversation " + conversation + ": " + s.count() + " messages in the read model, "
                        + created + " answered 201" + (ambiguous > 0 ? " (+ up to " + ambiguous + " unanswered)" : ""));
            }
            beyondAnswered += s.count() - created;
            if (s.count() > 0 && (s.minSequence() != 1 || s.maxSequence() != s.count()
                    || s.distinctSequences() != s.count())) {
                problems.add("conversation " + conversation + ": sequences not 1.." + s.count() + " without gaps ("
                        + s.distinctSequences() + " distinct, " + s.minSequence() + ".." + s.maxSequence() + ")");
            }
            if (s.distinctClientIds() != s.count()) {
                problems.add("conversation " + conversation + ": " + (s.count() - s.distinctClientIds())
                        + " duplicate messages (same client message id)");
            }
        }
        long visible = database.visibleCount(ledger.createdIds());
        if (visible != ledger.createdIds().size()) {
            problems.add((ledger.createdIds().size() - visible) + " message ids answered with 201 are not in the "
                    + "read model");
        }
        if (ledger.duplicateIds() > 0) {
            problems.add(ledger.duplicateIds() + " message ids were answered twice");
        }
        for (long[] stream : database.eventStreamStats(conversations)) {
            MessageStats s = stats.get(stream[0]);
            if (stream[1] != stream[2] || stream[3] != stream[1] - 1) {
                problems.add("event stream " + stream[0] + ": sequence numbers not 0.." + (stream[1] - 1));
            }
            if (s != null && stream[4] != s.count()) {
                problems.add("event stream " + stream[0] + ": " + stream[4] + " MessageSent events, " + s.count()
                        + " messages in the read model");
            }
        }
        String verdict = problems.isEmpty() ? "OK" : "FAIL";
        System.out.printf("  %s: %d conversations, %d messages answered 201, %d stored beyond them (unanswered "
                + "sends that were stored)%n", verdict, conversations.size(), ledger.created(), beyondAnswered);
        problems.stream().limit(20).forEach(problem -> System.out.println("  - " + problem));
        report.add(new Report.Row("g", "correctness: per conversation read-model count = 201s, sequences 1..n "
                + "gap-free, no duplicates, event streams consistent", verdict + " (" + conversations.size()
                + " conversations, " + ledger.created() + " messages" + (problems.isEmpty() ? ""
                : "; " + problems.size() + " problems, first: " + problems.get(0)) + ")", Double.NaN, false,
                "", "OK", Report.met(problems.isEmpty())));
    }

    // ---- the server's log and the run's totals ----

    private void serverLog(SwitchboardServer app) {
        long hikari = app.countLogLines(HIKARI_EXHAUSTED);
        long timeouts = app.countLogLines(TIMEOUT_LINES);
        long errors = app.countLogLines(ERROR_LINES);
        System.out.printf("%nServer log %s: %d \"Connection is not available\", %d lines mentioning a timeout, "
                + "%d ERROR lines%n", app.log(), hikari, timeouts, errors);
        System.out.printf("All sends of the run: %d answered 2xx, %d 4xx, %d 5xx, %d timeouts, %d connection "
                        + "errors%n", ledger.created(), ledger.count(SendResult.Outcome.REFUSED),
                ledger.count(SendResult.Outcome.SERVER_ERROR), ledger.count(SendResult.Outcome.TIMEOUT),
                ledger.count(SendResult.Outcome.IO_ERROR));
        ledger.errorSamples().forEach((error, count) -> System.out.println("  " + count + " × " + error));
        report.add("totals", "server log", hikari + " × \"Connection is not available\" (Hikari), " + timeouts
                + " lines mentioning a timeout, " + errors + " ERROR lines");
        report.add("totals", "all sends (warm-ups included)", ledger.created() + " × 2xx, "
                + ledger.count(SendResult.Outcome.SERVER_ERROR) + " × 5xx, "
                + ledger.count(SendResult.Outcome.REFUSED) + " × 4xx, " + ledger.count(SendResult.Outcome.TIMEOUT)
                + " client timeouts (" + options.requestTimeout().toSeconds() + " s), "
                + ledger.count(SendResult.Outcome.IO_ERROR) + " connection errors");
    }

    // ---- helpers ----

    /** The phase's errors as the clients saw them, plus the server's Hikari timeouts logged meanwhile. */
    private String errors(LoadResult result, long hikariBefore) {
        return result.errors() + ", Hikari " + (hikariLines() - hikariBefore);
    }

    private long hikariLines() {
        return server.countLogLines(HIKARI_EXHAUSTED);
    }

    /** An open loop's latencies, saying when some planned sends never went out (their latency is unbounded). */
    private static String answered(LoadResult result) {
        return result.latency.p50p99() + " of " + result.latency.count() + " answered 2xx"
                + (result.notSent.get() == 0 ? "" : "; " + result.notSent.get() + " planned in the window never sent");
    }

    private static String throughput(LoadResult result) {
        return Format.rate(result.messagesPerSecond()) + " msg/s, " + result.latency.p50p99();
    }

    /** The checked-out commit the jar was presumably built from, for telling before from after. */
    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? output : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Open-loop targets: conversations in turn (each gets rate/100 per second), senders in turn. */
    private static OpenLoop.Targets spreadOver(List<Long> conversations) {
        List<String> senders = HotelApi.senders(MAX_CLIENTS);
        return index -> new Target(conversations.get((int) (index % conversations.size())),
                senders.get((int) (index % senders.size())));
    }

    private long createConversation(String title) throws Exception {
        return api.createStaffChat(HotelApi.senders(MAX_CLIENTS), title);
    }

    /** The 100 conversations of phases c, d and e, created on first use (4 at a time, to save minutes today). */
    private List<Long> hundredConversationIds() throws Exception {
        if (hundred == null) {
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4, ClosedLoop.daemonThreads("create"));
            try {
                List<Future<Long>> created = new ArrayList<>();
                for (int i = 0; i < CONVERSATIONS; i++) {
                    String title = "conversation " + i;
                    created.add(pool.submit(() -> createConversation(title)));
                }
                List<Long> ids = new ArrayList<>();
                for (Future<Long> id : created) {
                    ids.add(id.get(2, TimeUnit.MINUTES));
                }
                hundred = List.copyOf(ids);
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("  (created %d conversations of %d participants in %s)%n", CONVERSATIONS,
                    MAX_CLIENTS + 1, Format.seconds(System.nanoTime() - start));
            settle();
        }
        return hundred;
    }
}
