package io.switchboard.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Pusher-protocol server (soketi, installed by {@code npm ci --prefix tools/soketi}) on free loopback ports,
 * serving one app with fixed test credentials. Publish to it with pusher-http-java ({@code setHost(host:port)},
 * {@code setEncrypted(false)}) and subscribe with pusher-java-client ({@code setHost}, {@code setWsPort},
 * {@code setUseTLS(false)}).
 * <p>
 * Missing node or soketi is a test failure with instructions, never a skip: a skipped end-to-end test would pass CI
 * while proving nothing.
 * <p>
 * Soketi answers HTTP 200 even when the signature is wrong, so assert on what a subscriber receives, not on the
 * publish result.
 */
public final class SoketiServer implements AutoCloseable {

    public static final String HOST = "127.0.0.1";
    public static final String APP_ID = "switchboard-test-app";
    public static final String KEY = "switchboard-test-key";
    public static final String SECRET = "switchboard-test-secret";

    private static final String INSTALL_HINT = "run `npm ci --prefix tools/soketi` in the repository root "
            + "(needs node 16, 18 or 20 on the PATH)";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;

    private SoketiServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // A test that forgets close() must not leave a server running after the JVM ends.
        this.shutdownHook = new Thread(this::stopProcessTree, "soketi-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts soketi and returns once its HTTP API answers. */
    public static SoketiServer start() {
        Path soketiDir = findSoketiDir();
        Path executable = soketiDir.resolve("node_modules/.bin/soketi");
        if (!Files.isRegularFile(executable)) {
            throw new IllegalStateException("soketi is not installed (" + executable + " is missing): " + INSTALL_HINT);
        }
        int port = freeTcpPort();
        Path log = createLog();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "start")
                .directory(soketiDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // The developer's own soketi settings must not leak into tests.
        env.keySet().removeIf(name -> name.startsWith("SOKETI_"));
        env.putAll(Map.of(
                "SOKETI_DEFAULT_APP_ID", APP_ID,
                "SOKETI_DEFAULT_APP_KEY", KEY,
                "SOKETI_DEFAULT_APP_SECRET", SECRET,
                "SOKETI_HOST", HOST,
                "SOKETI_PORT", Integer.toString(port),
                // The usage/metrics server always listens, metrics enabled or not.
                "SOKETI_METRICS_HOST", HOST,
                "SOKETI_METRICS_SERVER_PORT", Integer.toString(freeTcpPort()),
                // Soketi's node discovery would otherwise broadcast to 255.255.255.255 on a shared port.
                "SOKETI_CLUSTER_PORT", Integer.toString(freeUdpPort()),
                "SOKETI_CLUSTER_UNICAST_ADDRESSES", HOST,
                "SOKETI_SHUTDOWN_GRACE_PERIOD", "0"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable + " (" + e.getMessage() + "): "
                    + INSTALL_HINT, e);
        }
        SoketiServer server = new SoketiServer(process, port, log);
        server.awaitReady();
        return server;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String appId() {
        return APP_ID;
    }

    public String key() {
        return KEY;
    }

    public String secret() {
        return SECRET;
    }

    /** What soketi printed so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/"))
                .timeout(Duration.ofSeconds(1)).build();
        try {
            Awaitility.await("soketi on port " + port)
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("soketi exited with code " + process.exitValue()
                                    + " before accepting connections: " + INSTALL_HINT + "\n" + output());
                        }
                        return answers(client, probe);
                    });
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("soketi did not accept connections within " + STARTUP_TIMEOUT + "\n"
                    + output(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static boolean answers(HttpClient client, HttpRequest probe) throws InterruptedException {
        try {
            return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        }
    }

    private void stopProcessTree() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The repository root is the nearest ancestor of the working directory that holds {@code tools/soketi}. */
    private static Path findSoketiDir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/soketi");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no tools/soketi/package.json above " + start + ": " + INSTALL_HINT);
    }

    private static Path createLog() {
        try {
            Path log = Files.createTempFile("soketi-", ".log");
            log.toFile().deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
