package io.switchboard.bench.directchat;

import io.switchboard.bench.SwitchboardServer;
import io.switchboard.bench.writepath.Format;
import io.switchboard.bench.writepath.Samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Issue 7, the WebSocket direct chat (seed 002, docs/direct-chat.md) under load, on PostgreSQL:
 * <ul>
 * <li><b>single</b>: send → deliver latency on one node at a fixed offered rate ({@link SendDeliverRun});</li>
 * <li><b>cross</b>: the same with senders on node B and receivers on node A (Redis backplane and wake-up);</li>
 * <li><b>idle</b>: idle chat sockets in steps and the server's heap after a full GC ({@link IdleConnections}).</li>
 * </ul>
 * Every node is the built jar in its own process, configured by environment as in production, with Pusher off (the
 * direct chat does not use it). The client runs in this JVM on the same 2 cores as the server and PostgreSQL, so it
 * is kept cheap: one asynchronous HttpClient for every socket. Prints two markdown tables and stops every node it
 * started, also on failure.
 */
public final class DirectChatBenchmark {

    private static final Duration CONNECT_SETTLE = Duration.ofSeconds(10);
    private static final Pattern ERROR_LINES = Pattern.compile("\\sERROR\\s");
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("OutOfMemoryError");
    private static final long MIB = 1024 * 1024;

    private final DirectOptions options;
    private final Path jar;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final List<String> latencyRows = new ArrayList<>();
    private final List<String> heapRows = new ArrayList<>();
    private final List<String> heapNotes = new ArrayList<>();
    private int runs;

    private DirectChatBenchmark(DirectOptions options, Path jar) {
        this.options = options;
        this.jar = jar;
    }

    public static void main(String[] args) throws Exception {
        DirectOptions options = DirectOptions.parse(args);
        Path jar = Path.of("app/target/switchboard.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q -Pbench install -DskipTests");
        }
        new DirectChatBenchmark(options, jar).run();
    }

    private void run() throws Exception {
        LocalDateTime started = LocalDateTime.now().withNano(0);
        long start = System.nanoTime();
        System.out.printf("Direct chat benchmark (issue 7), %s, commit %s, phases %s%s, database %s%n", started,
                commit(), options.phases(), options.quick() ? " (quick)" : "", options.jdbcUrl());
        phase("single", this::singleNode);
        phase("cross", this::crossNode);
        phase("idle", this::idleConnections);

        System.out.printf("%nDirect chat benchmark, %s, commit %s, run in %s; %d cores shared by the server(s), "
                        + "PostgreSQL, Redis and this client%n%n", started, commit(),
                Format.seconds(System.nanoTime() - start), Runtime.getRuntime().availableProcessors());
        if (!latencyRows.isEmpty()) {
            System.out.println("| phase | nodes | offered | sent / delivered (msg/s) | p50 | p90 | p99 | max | lost "
                    + "| p99 ≤ 100 ms | notes |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            latencyRows.forEach(System.out::println);
            System.out.println();
        }
        if (!heapRows.isEmpty()) {
            System.out.println("| idle chat sockets | opened / failed in the step | handshakes/s | heap used after "
                    + "full GC | per 1,000 sockets (vs none) | per 1,000 (this step) | heap capacity | RSS |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            heapRows.forEach(System.out::println);
            System.out.println();
            heapNotes.forEach(System.out::println);
        }
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** A failing phase is reported and the next one runs, so one problem does not lose the other figures. */
    private void phase(String name, Phase phase) {
        if (!options.runs(name)) {
            return;
        }
        System.out.printf("%n== %s%n", name);
        try {
            phase.run();
        } catch (Exception e) {
            System.out.println("  phase " + name + " FAILED: " + e);
            e.printStackTrace(System.out);
            String failed = "FAILED: " + String.valueOf(e).replace('|', '/').replace('\n', ' ');
            if (name.equals("idle")) {
                heapRows.add("| " + failed + " | | | | | | | |");
            } else {
                latencyRows.add("| " + name + " | " + failed + " | | | | | | | | | |");
            }
        }
    }

    // ---- single and cross: send → deliver latency ----

    private void singleNode() throws Exception {
        try (SwitchboardServer node = start("node-", Map.of("SWITCHBOARD_REDIS_URL", ""), List.of())) {
            System.out.printf("  node up on port %d (log %s)%n", node.port(), node.log());
            sendDeliver("single", "1 (no Redis)", node, node);
        }
    }

    private void crossNode() throws Exception {
        Map<String, String> redis = Map.of("SWITCHBOARD_REDIS_URL", options.redisUrl());
        // one after the other: the first runs the migrations the second then finds done
        try (SwitchboardServer nodeA = start("node-a-", redis, List.of());
             SwitchboardServer nodeB = start("node-b-", redis, List.of())) {
            System.out.printf("  node A on port %d (log %s), node B on port %d (log %s), Redis %s%n", nodeA.port(),
                    nodeA.log(), nodeB.port(), nodeB.log(), options.redisUrl());
            sendDeliver("cross", "2 (Redis): senders on B, receivers on A", nodeB, nodeA);
        }
    }

    /** Each offered rate in turn on the same node(s), with fresh pairs (new users, new conversations) each. */
    private void sendDeliver(String phase, String nodes, SwitchboardServer senderNode, SwitchboardServer receiverNode)
            throws Exception {
        for (int rate : options.rates()) {
            sendDeliver(phase, nodes, rate, senderNode, receiverNode);
        }
    }

    private void sendDeliver(String phase, String nodes, int rate, SwitchboardServer senderNode,
                             SwitchboardServer receiverNode) throws Exception {
        // a tenant (so users and conversations) and message ids of its own: a repeated client_message_id would be
        // taken for a resend and stored once
        String name = phase + "-" + rate + "-" + (++runs);
        SendDeliverRun run = new SendDeliverRun(name, rate, options.warmup(), options.measure(), options.drain());
        List<SwitchboardServer> servers = senderNode == receiverNode ? List.of(senderNode)
                : List.of(senderNode, receiverNode);
        Map<SwitchboardServer, Long> errorsBefore = errorLines(servers);
        try (ChatClient client = new ChatClient("bench-" + name + "-" + runId)) {
            List<ChatClient.Spec> receivers = new ArrayList<>();
            List<ChatClient.Spec> senders = new ArrayList<>();
            for (int pair = 0; pair < options.pairs(); pair++) {
                receivers.add(new ChatClient.Spec(receiverNode, "r" + pair, "s" + pair, run.receiver()));
                senders.add(new ChatClient.Spec(senderNode, "s" + pair, "r" + pair, run.sender()));
            }
            // receivers first: they start the conversations, and are listening before anything is sent
            List<ChatSocket> receiverSockets = openAllOrFail(client, receivers);
            List<ChatSocket> senderSockets = openAllOrFail(client, senders);
            try {
                awaitFirstFrames(receiverSockets, senderSockets);
                System.out.printf("  %d pairs connected; %d msg/s offered (%s per sender), %s warm-up (rising to "
                                + "the rate), %s measured%n",
                        options.pairs(), rate, Format.rate((double) rate / options.pairs()),
                        Format.seconds(options.warmup().toNanos()), Format.seconds(options.measure().toNanos()));
                String loadBefore = loadAverage();
                CpuMeter serverCpu = new CpuMeter(servers.stream().map(SwitchboardServer::process).toList());
                CpuMeter clientCpu = new CpuMeter(List.of(ProcessHandle.current()));
                SendDeliverRun.Result result = run.run(senderSockets, List.of(serverCpu, clientCpu));
                report(phase, nodes, result, servers, errorsBefore, loadBefore + " → " + loadAverage(),
                        serverCpu.usage(result.sent()), clientCpu.usage(result.sent()));
            } finally {
                receiverSockets.forEach(ChatSocket::abort);
                senderSockets.forEach(ChatSocket::abort);
            }
        }
    }

    private void report(String phase, String nodes, SendDeliverRun.Result result, List<SwitchboardServer> servers,
                        Map<SwitchboardServer, Long> errorsBefore, String load, CpuMeter.Usage serverCpu,
                        CpuMeter.Usage clientCpu) {
        System.out.println("  send → deliver:   " + result.fromSend().summary());
        System.out.println("  planned → deliver: " + result.fromPlanned().summary());
        System.out.println("  send → accepted:   " + result.sendToAccepted().summary());
        System.out.println("  accepted → deliver: " + result.acceptedToDelivered().summary());
        System.out.println("  sender lag behind its schedule: " + result.sendLag().summary());
        System.out.println("  warm-up backlog drained in " + (result.warmupDrained() < 0 ? "(not within "
                + options.drain().toSeconds() + " s)" : Format.seconds(result.warmupDrained())));
        // a stall shows as a run of bad seconds, a steady overload as a rising line
        System.out.println("  send → deliver p99 of each second sent, ms: " + result.perSecond().stream()
                .map(second -> String.format(Locale.ROOT, "%.0f", second.percentileMillis(0.99)))
                .collect(Collectors.joining(" ")));
        System.out.println("  server" + (servers.size() > 1 ? "s" : "") + ": " + serverCpu.describe() + "; client: "
                + clientCpu.describe());
        System.out.printf("  measured %d, sent %d, delivered %d, lost %d, duplicates %d, out of order %d, "
                        + "send failures %d, error frames %s%n", result.measured(), result.sent(), result.delivered(),
                result.lost(), result.duplicates(), result.outOfOrder(), result.sendFailures(), result.errorFrames());
        long serverErrors = 0;
        for (SwitchboardServer server : servers) {
            serverErrors += server.countLogLines(ERROR_LINES) - errorsBefore.get(server);
        }
        double p99 = result.fromSend().percentileMillis(0.99);
        List<String> notes = new ArrayList<>();
        notes.add("send → accepted " + p50p99(result.sendToAccepted()) + ", accepted → delivered "
                + p50p99(result.acceptedToDelivered()));
        notes.add("from the planned instant: p99 " + Format.millis(result.fromPlanned().percentileMillis(0.99)));
        notes.add(result.warmupDrained() < 0 ? "warm-up backlog not drained within " + options.drain().toSeconds()
                + " s" : "warm-up backlog drained in " + Format.seconds(result.warmupDrained()));
        notes.add("sender behind schedule: p99 " + Format.millis(result.sendLag().percentileMillis(0.99)) + ", max "
                + Format.millis(result.sendLag().maxMillis()));
        notes.add((result.measured() - result.sent()) + " not sent or failed");
        notes.add(result.duplicates() + " duplicates, " + result.outOfOrder() + " out of order");
        notes.add("error frames " + (result.errorFrames().isEmpty() ? "none" : result.errorFrames()));
        notes.add("server ERROR lines " + serverErrors);
        notes.add("server" + (servers.size() > 1 ? "s" : "") + " " + serverCpu.describe() + ", client "
                + clientCpu.describe());
        notes.add("machine load (1-min average) " + load);
        latencyRows.add(String.join(" | ", "| " + phase, nodes,
                result.rate() + " msg/s (" + result.senders() + " senders × "
                        + Format.rate((double) result.rate() / result.senders()) + ")",
                Format.rate(result.sentPerSecond()) + " / " + Format.rate(result.deliveredPerSecond()),
                Format.millis(result.fromSend().percentileMillis(0.50)),
                Format.millis(result.fromSend().percentileMillis(0.90)),
                Format.millis(p99),
                Format.millis(result.fromSend().maxMillis()),
                result.lost() + " of " + result.sent(),
                met(p99 <= 100 && result.lost() == 0),
                String.join("; ", notes) + " |"));
    }

    private static List<ChatSocket> openAllOrFail(ChatClient client, List<ChatClient.Spec> specs)
            throws InterruptedException {
        ChatClient.Opened opened = client.openAll(specs, 16, 1);
        if (!opened.failures().isEmpty() || opened.notAttempted() > 0) {
            opened.sockets().forEach(ChatSocket::abort);
            throw new IllegalStateException("could not open the chat sockets: " + opened.failures());
        }
        return opened.sockets();
    }

    /** Every socket has had its {@code online_user_list}: it is in the room and subscribed. */
    @SafeVarargs
    private static void awaitFirstFrames(List<ChatSocket>... groups) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECT_SETTLE.toNanos();
        for (List<ChatSocket> sockets : groups) {
            for (ChatSocket socket : sockets) {
                while (socket.framesReceived() == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("a socket got no online_user_list within " + CONNECT_SETTLE);
                    }
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
        }
    }

    // ---- idle: sockets and heap ----

    private void idleConnections() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SWITCHBOARD_REDIS_URL", "");
        boolean tomcatDefault = options.tomcatMaxConnections().equals("default");
        if (!tomcatDefault) {
            environment.put("SERVER_TOMCAT_MAX_CONNECTIONS", options.tomcatMaxConnections());
        }
        String maxConnections = tomcatDefault ? "default (8192)" : options.tomcatMaxConnections();
        // a JVM out of heap may limp on half-working; exiting makes the failure plain and the step ends at once
        List<String> jvm = List.of("-Xmx" + options.idleHeap(), "-XX:+ExitOnOutOfMemoryError");
        int largestStep = options.idleSteps().stream().mapToInt(Integer::intValue).max().orElse(0);
        warnIfFewFileDescriptors(largestStep);
        try (SwitchboardServer node = start("node-idle-", environment, jvm);
             ChatClient client = new ChatClient("bench-idle-" + runId)) {
            IdleConnections idle = new IdleConnections(client, node, largestStep, options.connectConcurrency(), 50);
            System.out.printf("  node up on port %d, -Xmx%s, server.tomcat.max-connections %s (log %s); %d users%n",
                    node.port(), options.idleHeap(), maxConnections, node.log(), idle.users());
            HeapProbe.Heap baseline = idle.baseline();
            heapRows.add(heapRow("0", "", "", baseline, baseline, 0, null, 0));
            IdleConnections.Step last = stepUp(idle, node, baseline);
            if (node.isAlive()) {
                heapRows.add(heapRow("0 (all closed again)", "", "", idle.closeAll(), baseline, 0, null, 0));
                List<String> left = idle.largestClasses(8);
                System.out.println("  largest classes after closing every socket: " + left);
                heapNotes.add("Largest classes after closing every socket: " + String.join("; ", left) + ".");
            }
            boolean fit = last != null && last.target() == largestStep && last.open() == largestStep
                    && last.heap() != null && node.isAlive();
            heapNotes.add(String.format(Locale.ROOT, "%,d idle chat sockets held by one node with -Xmx%s: %s. Server: "
                            + "server.tomcat.max-connections %s, -Xmx%s -XX:+ExitOnOutOfMemoryError%s; %d users, "
                            + "socket k is user k mod %d opening its chat with user (k mod %d + 1 + k / %d) mod %d; "
                            + "OutOfMemoryError in the server's log: %d.",
                    largestStep, options.idleHeap(), fit ? "yes"
                            : String.format(Locale.ROOT, "**no** (%,d at most)", idle.handshakes()),
                    maxConnections, options.idleHeap(),
                    options.serverEnvironment().isEmpty() ? "" : ", environment " + options.serverEnvironment(),
                    idle.users(), idle.users(), idle.users(), idle.users(), idle.users(),
                    node.countLogLines(OUT_OF_MEMORY)));
        }
    }

    /**
     * Opens the steps one after the other, a heap row each; stops at the first step with failures (a limit was
     * reached: more steps would only fail the same way) or when the server is gone. Returns the last step.
     */
    private IdleConnections.Step stepUp(IdleConnections idle, SwitchboardServer node, HeapProbe.Heap baseline)
            throws Exception {
        HeapProbe.Heap previous = baseline;
        int previousOpen = 0;
        IdleConnections.Step last = null;
        List<String> largestClasses = List.of();
        for (int target : options.idleSteps()) {
            IdleConnections.Step step = idle.openUpTo(target);
            last = step;
            String sockets = String.format(Locale.ROOT, "%,d", step.open())
                    + (step.open() < target ? String.format(Locale.ROOT, " (of %,d)", target) : "");
            String opened = step.openedInStep() + " / " + step.failedInStep()
                    + (step.notAttempted() > 0 ? " (" + step.notAttempted() + " not attempted)" : "");
            heapRows.add(heapRow(sockets, opened, Format.rate(step.handshakesPerSecond()), step.heap(), baseline,
                    step.open(), previous, step.open() - previousOpen));
            if (!step.failures().isEmpty()) {
                heapNotes.add("Failures in the step to " + target + ": " + step.failures() + ".");
            }
            if (step.heap() == null || !node.isAlive()) {
                heapNotes.add("The server stopped during the step to " + target + " ("
                        + (node.countLogLines(OUT_OF_MEMORY) > 0 ? "OutOfMemoryError" : "see " + node.log())
                        + "); later steps skipped.");
                break;
            }
            if (step.open() > 0) {
                largestClasses = idle.largestClasses(6);
                System.out.println("  largest classes: " + largestClasses);
            }
            if (step.failedInStep() > 0) {
                heapNotes.add("Later steps skipped: the step to " + target + " had failures.");
                break;
            }
            previous = step.heap();
            previousOpen = step.open();
        }
        if (!largestClasses.isEmpty()) {
            heapNotes.add("Largest classes on the heap at the last step the server survived: "
                    + String.join("; ", largestClasses) + ".");
        }
        return last;
    }

    private static String heapRow(String sockets, String opened, String perSecond, HeapProbe.Heap heap,
                                  HeapProbe.Heap baseline, int open, HeapProbe.Heap previous, int addedInStep) {
        if (heap == null) {
            return "| " + sockets + " | " + opened + " | " + perSecond + " | server gone | | | | |";
        }
        String sinceNone = open == 0 ? "" : mib((heap.usedBytes() - baseline.usedBytes()) * 1000.0 / open);
        String thisStep = previous == null || addedInStep == 0 ? ""
                : mib((heap.usedBytes() - previous.usedBytes()) * 1000.0 / addedInStep);
        return String.join(" | ", "| " + sockets, opened, perSecond, mib(heap.usedBytes()), sinceNone, thisStep,
                mib(heap.totalBytes()), heap.rssBytes() < 0 ? "n/a" : mib(heap.rssBytes()) + " |");
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    /** The client holds every socket in this JVM: it needs a file descriptor for each (the script raises the limit). */
    private static void warnIfFewFileDescriptors(int sockets) throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.exists(limits)) {
            return;
        }
        Matcher open = Pattern.compile("Max open files\\s+(\\d+)").matcher(Files.readString(limits));
        if (open.find() && Long.parseLong(open.group(1)) < sockets + 1000L) {
            System.out.printf("  WARNING: this process may open only %s files; %d sockets need more "
                    + "(ulimit -n, which bench/run-direct-chat.sh raises)%n", open.group(1), sockets);
        }
    }

    // ---- shared ----

    private SwitchboardServer start(String name, Map<String, String> extra, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_DATASOURCE_URL", options.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", options.pgUser());
        environment.put("SPRING_DATASOURCE_PASSWORD", options.pgPassword());
        // two nodes on one machine: the Socket.IO dialects' fixed ports (5000, 3500) would collide; unused here
        environment.put("SWITCHBOARD_LIVECHAT_PORT", "0");
        environment.put("SWITCHBOARD_SUPPORT_PORT", "0");
        environment.putAll(extra);
        environment.putAll(options.serverEnvironment());
        List<String> jvm = new ArrayList<>(options.serverJvmOptions());
        jvm.addAll(jvmOptions);
        return SwitchboardServer.startWithoutPusher(jar, environment, jvm, "switchboard-bench-" + name);
    }

    /**
     * The 1-minute load average, for the notes: other work on the machine (builds, tests) takes the cores the server
     * needs, and the figures move with it.
     */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static Map<SwitchboardServer, Long> errorLines(List<SwitchboardServer> servers) {
        Map<SwitchboardServer, Long> counts = new LinkedHashMap<>();
        servers.forEach(server -> counts.put(server, server.countLogLines(ERROR_LINES)));
        return counts;
    }

    private static String p50p99(Samples samples) {
        return "p50 " + Format.millis(samples.percentileMillis(0.50)) + ", p99 "
                + Format.millis(samples.percentileMillis(0.99));
    }

    private static String met(boolean condition) {
        return condition ? "yes" : "**no**";
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true)
                    .start();
            String output = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? output : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
