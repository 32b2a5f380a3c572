package io.switchboard.bench.livechat;

import io.switchboard.testsupport.TestTokens;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar in its own process for the live-chat benchmark: PostgreSQL through {@code SPRING_DATASOURCE_*}, the
 * live-chat Socket.IO server on a free {@code SWITCHBOARD_LIVECHAT_PORT}, tokens signed with
 * {@link TestTokens#SECRET}, no Pusher credentials (publishing off: the live chat does not use Pusher) and no Redis
 * (one node). Also reads the process's heap with {@code jcmd}. A shutdown hook stops it if the benchmark JVM ends
 * without {@link #close()}.
 */
final class LiveChatServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern USED = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

    private final Process process;
    private final int httpPort;
    private final int liveChatPort;
    private final Path log;
    private final Thread shutdownHook;

    private LiveChatServer(Process process, int httpPort, int liveChatPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.liveChatPort = liveChatPort;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "livechat-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static LiveChatServer start(Path jar, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int httpPort = freePort();
        int liveChatPort = freePort();
        Path dataDirectory = Files.createTempDirectory("switchboard-livechat-bench-");
        Path log = dataDirectory.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // one node, no Pusher: nothing of the developer's own configuration leaks in
        env.keySet().removeIf(name -> name.startsWith("PUSHER_") || name.startsWith("SWITCHBOARD_")
                || name.startsWith("SPRING_"));
        env.put("PORT", String.valueOf(httpPort));
        env.put("SWITCHBOARD_LIVECHAT_PORT", String.valueOf(liveChatPort));
        env.put("SWITCHBOARD_DATA_DIR", dataDirectory.toString());
        env.put("SWITCHBOARD_AUTH_JWT_SECRET", TestTokens.SECRET);
        env.putAll(environment);
        LiveChatServer server = new LiveChatServer(builder.start(), httpPort, liveChatPort, log);
        try {
            server.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    String liveChatUrl() {
        return "http://127.0.0.1:" + liveChatPort;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Used and committed heap in KiB right after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}). */
    long[] heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run"); // the second one also collects what the first one's reference processing released
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figures in jcmd GC.heap_info:\n" + info);
        }
        return new long[] {Long.parseLong(used.group(2)), Long.parseLong(used.group(1))};
    }

    /** Live objects by class (a full GC first): class name → {instances, bytes}; key "Total" for the sum. */
    Map<String, long[]> classHistogram() throws IOException, InterruptedException {
        Map<String, long[]> histogram = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                histogram.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                continue;
            }
            Matcher total = HISTOGRAM_TOTAL.matcher(line.trim());
            if (total.find()) {
                histogram.put("Total", new long[] {Long.parseLong(total.group(1)), Long.parseLong(total.group(2))});
            }
        }
        return histogram;
    }

    /** Resident set size of the server process in KiB (heap, metaspace, threads, Netty's direct buffers), or -1. */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: the figure is only informative
        }
        return -1;
    }

    /** Threads of the server process, or -1. */
    long threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // informative only
        }
        return -1;
    }

    /** How many lines of the server's log so far match {@code pattern}. */
    long countLogLines(Pattern pattern) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> pattern.matcher(line).find()).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * CPU time the server process has used so far, in clock ticks (usually 1/100 s), from /proc; -1 elsewhere.
     */
    long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Waits until the server used at most {@code maxShare} of one core over a whole second (the work a batch of
     * connections caused is done), at least {@code min}, at most {@code max}. Returns the time waited; negative when
     * it gave up.
     */
    long awaitQuiet(double maxShare, Duration min, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(min.toNanos());
        while (System.nanoTime() - start < max.toNanos()) {
            long before = cpuTicks();
            long beforeNanos = System.nanoTime();
            TimeUnit.SECONDS.sleep(1);
            long after = cpuTicks();
            if (before < 0 || after < 0) {
                return System.nanoTime() - start; // no /proc: the minimum wait is all we can do
            }
            double share = (after - before) / 100.0 / ((System.nanoTime() - beforeNanos) / 1e9);
            if (share <= maxShare) {
                return System.nanoTime() - start;
            }
        }
        return -(System.nanoTime() - start);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path output = Files.createTempFile("jcmd-", ".txt");
        try {
            Process run = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd",
                    String.valueOf(pid()), command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!run.waitFor(120, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException("jcmd " + command + " did not finish within 120 s (is the server "
                        + "out of memory? its log: " + log + ")");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (run.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed:\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " (log: " + log + ")");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.ofString()).body().contains("UP")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server did not start within " + STARTUP_TIMEOUT + " (log: " + log
                        + ")");
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
