package io.switchboard.bench;

import io.switchboard.testsupport.SoketiServer;
import io.switchboard.testsupport.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The built jar in its own process, configured through the environment as in production (Pusher fan-out to the
 * given soketi, or none, tokens signed with {@link TestTokens#SECRET}). Output goes to {@link #log()}.
 * <p>
 * A shutdown hook stops the process if the benchmark JVM ends without {@link #close()} (Ctrl-C, a crash), so no
 * server outlives the run.
 */
public final class SwitchboardServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;
    private final String database;
    private final Thread shutdownHook;

    private SwitchboardServer(Process process, int port, Path log, String database) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.database = database;
        this.shutdownHook = new Thread(this::stop, "switchboard-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the jar and returns once {@code /actuator/health} answers UP.
     *
     * @param environment added to (and overriding) the inherited environment, e.g. {@code SPRING_DATASOURCE_URL}
     * @param jvmOptions  options for the server's JVM, before {@code -jar}
     */
    public static SwitchboardServer start(Path jar, SoketiServer soketi, Map<String, String> environment,
                                          List<String> jvmOptions) throws IOException, InterruptedException {
        return start(jar, soketi, environment, jvmOptions, "switchboard-bench-");
    }

    /**
     * Starts the jar with Pusher publishing off (no {@code PUSHER_*} variables; the fan-out consumes events and
     * publishes nothing), for benchmarks of the WebSocket dialects, which do not go through Pusher.
     *
     * @param name prefix of the temporary data directory that also holds the log, e.g. "node-a-"
     */
    public static SwitchboardServer startWithoutPusher(Path jar, Map<String, String> environment,
                                                       List<String> jvmOptions, String name)
            throws IOException, InterruptedException {
        return start(jar, null, environment, jvmOptions, name);
    }

    private static SwitchboardServer start(Path jar, SoketiServer soketi, Map<String, String> environment,
                                           List<String> jvmOptions, String name)
            throws IOException, InterruptedException {
        int port = freePort();
        Path dataDirectory = Files.createTempDirectory(name);
        Path log = dataDirectory.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(port));
        env.put("SWITCHBOARD_DATA_DIR", dataDirectory.toString());
        env.put("SWITCHBOARD_AUTH_JWT_SECRET", TestTokens.SECRET);
        if (soketi != null) {
            env.put("PUSHER_APP_ID", soketi.appId());
            env.put("PUSHER_KEY", soketi.key());
            env.put("PUSHER_SECRET", soketi.secret());
            env.put("PUSHER_HOST", soketi.host());
            env.put("PUSHER_PORT", String.valueOf(soketi.port()));
            env.put("PUSHER_ENCRYPTED", "false");
        } else {
            List.of("PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_CLUSTER")
                    .forEach(env::remove); // an inherited half-configuration would stop the server
        }
        env.putAll(environment);
        String database = env.containsKey("SPRING_DATASOURCE_URL")
                ? "database " + env.get("SPRING_DATASOURCE_URL") : "embedded H2 database";
        SwitchboardServer server = new SwitchboardServer(builder.start(), port, log, database);
        try {
            server.awaitHealthy();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A WebSocket URL on this server, e.g. {@code webSocketUrl("/ws/bob/?token=...")}. */
    public String webSocketUrl(String path) {
        return "ws://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    /** The server's process id, for jcmd. */
    public long pid() {
        return process.pid();
    }

    /** The server's process, e.g. for its CPU time. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public Path log() {
        return log;
    }

    /** Which database the server was pointed at, for the printed results. */
    public String database() {
        return database;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How many lines of the server's log so far match {@code pattern}. */
    public long countLogLines(Pattern pattern) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> pattern.matcher(line).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException malformed) {
            return -1; // a log line cut mid-character while the server writes; the count is only informative
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
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url("/actuator/health")))
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
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
