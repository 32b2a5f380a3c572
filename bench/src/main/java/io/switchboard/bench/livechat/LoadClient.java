package io.switchboard.bench.livechat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code bench/livechat/load.js} in its own Node process: many socket.io-client 4.x connections, driven by JSON lines
 * (see the script's header). Commands are answered in order; {@link #call} sends one and waits for its answer, handing
 * intermediate lines (e.g. {@code fanout_round}) to a consumer.
 */
final class LoadClient implements AutoCloseable {

    static final Path SCRIPT_DIRECTORY = Path.of("bench/livechat");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode END = JSON.createObjectNode().put("kind", "end-of-output");

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
    private final Path log;
    private final Thread shutdownHook;

    private LoadClient(Process process, Path log) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        Thread reader = new Thread(this::read, "load-js-reader");
        reader.setDaemon(true);
        reader.start();
        this.shutdownHook = new Thread(process::destroyForcibly, "load-js-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static LoadClient start(String url, Path log) throws IOException {
        Path script = SCRIPT_DIRECTORY.resolve("load.js");
        if (!Files.isDirectory(SCRIPT_DIRECTORY.resolve("node_modules/socket.io-client"))) {
            throw new IllegalStateException("socket.io-client is not installed: run `npm ci --prefix bench/livechat` "
                    + "in the repository root (bench/run-live-chat.sh does)");
        }
        // node's default heap is ample for a few thousand sockets; more room avoids GC pauses in the timings
        Process process = new ProcessBuilder("node", "--max-old-space-size=1024", script.toString(), url)
                .redirectError(log.toFile()).start();
        return new LoadClient(process, log);
    }

    Path log() {
        return log;
    }

    /** Sends {@code command} and returns the line whose kind is {@code answerKind}; other lines go to {@code each}. */
    JsonNode call(Map<String, ?> command, String answerKind, Duration timeout, Consumer<JsonNode> each)
            throws IOException, InterruptedException {
        stdin.write((JSON.writeValueAsString(command) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("load.js did not answer " + command.get("op") + " within " + timeout
                        + " (its log: " + log + ")");
            }
            String kind = line.path("kind").asString();
            if (kind.equals(answerKind)) {
                return line;
            }
            if (line == END || kind.equals("error")) {
                throw new IllegalStateException("load.js failed on " + command.get("op") + ": "
                        + line.path("message").asString("it exited") + " (its log: " + log + ")");
            }
            each.accept(line);
        }
    }

    JsonNode call(Map<String, ?> command, String answerKind, Duration timeout) throws IOException, InterruptedException {
        return call(command, answerKind, timeout, line -> { });
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended; END says so
        }
        lines.add(END);
    }

    @Override
    public void close() {
        try {
            stdin.write("{\"op\":\"exit\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }
}
