package io.switchboard.testsupport;

import org.awaitility.Awaitility;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One real npm {@code socket.io-client} (2.x or 4.x) in a Node process ({@code tools/socketio-clients/driver.js}),
 * driven from a test: emit with acks, see every event. Missing node or packages is a test failure with
 * instructions, never a skip.
 */
public final class SocketIoTestClient implements AutoCloseable {

    private static final String INSTALL_HINT = "run `npm ci --prefix tools/socketio-clients` in the repository root "
            + "(needs node 18 or 20 on the PATH)";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Acks come within milliseconds: a coarse poll would dominate tests that emit hundreds of events. */
    private static final Duration POLL = Duration.ofMillis(5);

    private final Process process;
    private final OutputStream input;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    private final AtomicInteger ackIds = new AtomicInteger();

    /**
     * @param version    2 (Engine.IO 3) or 4 (Engine.IO 4)
     * @param transports e.g. {@code List.of("polling")} (the 2.x frontends) or {@code List.of("websocket")}
     * @param headers    extra HTTP headers (2.x: sent by the polling transport, as seed 004's frontends do)
     * @param auth       the 4.x {@code auth} payload, or null
     */
    public record Options(int version, String url, List<String> transports, Map<String, String> headers,
                          Map<String, Object> auth, Map<String, String> query) {

        public static Options v2Polling(String url, String authorization) {
            return new Options(2, url, List.of("polling"),
                    authorization == null ? Map.of() : Map.of("Authorization", authorization), null, Map.of());
        }

        public static Options v4WebSocket(String url, String authorization) {
            return new Options(4, url, List.of("websocket"),
                    authorization == null ? Map.of() : Map.of("Authorization", authorization), null, Map.of());
        }

        public static Options v4Auth(String url, String token) {
            return new Options(4, url, List.of("websocket"), Map.of(),
                    token == null ? null : Map.of("token", token), Map.of());
        }
    }

    private SocketIoTestClient(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        Thread reader = new Thread(this::read, "socketio-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public static SocketIoTestClient start(Options options) {
        Path dir = findClientsDir();
        if (!Files.isDirectory(dir.resolve("node_modules/socket.io-client-v4"))) {
            throw new IllegalStateException("the Socket.IO test clients are not installed: " + INSTALL_HINT);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", options.version());
        json.put("url", options.url());
        json.put("transports", options.transports());
        json.put("headers", options.headers());
        json.put("auth", options.auth());
        json.put("query", options.query());
        try {
            Process process = new ProcessBuilder("node", "driver.js", JSON.writeValueAsString(json))
                    .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new SocketIoTestClient(process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node (" + e.getMessage() + "): " + INSTALL_HINT, e);
        }
    }

    /** Starts the client and waits until it is connected. */
    public static SocketIoTestClient connect(Options options) {
        SocketIoTestClient client = start(options);
        JsonNode outcome = client.awaitOutcome();
        if (!"connect".equals(outcome.path("kind").asString())) {
            client.close();
            throw new AssertionError("expected to connect, got " + outcome);
        }
        return client;
    }

    /** The first {@code connect} or {@code connect_error} line. */
    public JsonNode awaitOutcome() {
        return Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> lines.stream()
                .filter(line -> List.of("connect", "connect_error").contains(line.path("kind").asString()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The first {@code connect_error} line (an Engine.IO 4 client may get one after connecting). */
    public JsonNode awaitConnectError() {
        return Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> lines.stream()
                .filter(line -> "connect_error".equals(line.path("kind").asString()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Emits and waits for the ack; returns the ack's arguments. */
    public JsonNode emit(String event, Object... args) {
        return awaitAck(emitAsync(event, args));
    }

    /** Emits without waiting; {@link #awaitAck(int)} collects the answer (for events racing each other). */
    public int emitAsync(String event, Object... args) {
        int id = ackIds.incrementAndGet();
        write(Map.of("op", "emit", "id", id, "event", event, "args", List.of(args)));
        return id;
    }

    public JsonNode awaitAck(int id) {
        return Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> lines.stream()
                .filter(line -> "ack".equals(line.path("kind").asString()) && line.path("id").asInt() == id)
                .findFirst(), Optional::isPresent).orElseThrow().path("args");
    }

    /** Emits without asking for an ack. */
    public void send(String event, Object... args) {
        write(Map.of("op", "emit-no-ack", "event", event, "args", List.of(args)));
    }

    /** Every received event of that name, each as its argument array, in order. */
    public List<JsonNode> events(String event) {
        return lines.stream().filter(line -> "event".equals(line.path("kind").asString())
                && event.equals(line.path("event").asString())).map(line -> line.path("args")).toList();
    }

    /** Names of every received event, in order. */
    public List<String> eventNames() {
        return lines.stream().filter(line -> "event".equals(line.path("kind").asString()))
                .map(line -> line.path("event").asString()).toList();
    }

    /** Waits for an event whose first argument matches, and returns that argument. */
    public JsonNode await(String event, Predicate<JsonNode> firstArgument) {
        return Awaitility.await().atMost(WAIT).pollInterval(POLL).until(() -> events(event).stream().map(args -> args.path(0))
                .filter(firstArgument).findFirst(), Optional::isPresent).orElseThrow();
    }

    public JsonNode await(String event) {
        return await(event, argument -> true);
    }

    public boolean disconnected() {
        return lines.stream().anyMatch(line -> "disconnect".equals(line.path("kind").asString()))
                || !process.isAlive();
    }

    public void awaitDisconnected() {
        Awaitility.await().atMost(WAIT).pollInterval(POLL).until(this::disconnected);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                write(Map.of("op", "close"));
            } catch (IllegalStateException alreadyGone) {
                // the process ended meanwhile
            }
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Kills the client without a goodbye, as a closed laptop would. */
    public void kill() {
        process.destroyForcibly();
    }

    private synchronized void write(Map<String, Object> command) {
        try {
            input.write((JSON.writeValueAsString(new HashMap<>(command)) + "\n").getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the Socket.IO client process is gone", e);
        }
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(JSON.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            // the process ended; disconnected() tells
        }
    }

    private static Path findClientsDir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/socketio-clients");
            if (Files.isRegularFile(candidate.resolve("driver.js"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no tools/socketio-clients/driver.js above " + start + ": " + INSTALL_HINT);
    }
}
