package io.switchboard.bench.directchat;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.bench.SwitchboardServer;
import io.switchboard.testsupport.TestTokens;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's side of the direct chat: one JDK HttpClient for all sockets (a selector thread plus a small fixed
 * pool for the callbacks, so the client takes little of the 2 cores it shares with the server), users of one
 * tenant, each with its own token (the JWT of production, HS256 with the secret the server was started with).
 */
final class ChatClient implements AutoCloseable {

    /** One socket to open: {@code user} opens its chat with {@code other} on {@code server}. */
    record Spec(SwitchboardServer server, String user, String other, ChatSocket.Frames frames) {
    }

    /** What {@link #openAll} did: the sockets in the order of the specs that opened, and why the others did not. */
    record Opened(List<ChatSocket> sockets, List<String> failures, int notAttempted, long nanos) {
    }

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    private final String tenant;
    private final ExecutorService callbacks;
    private final HttpClient http;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    ChatClient(String tenant) {
        this.tenant = tenant;
        this.callbacks = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "chat-client");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().executor(callbacks).connectTimeout(HANDSHAKE_TIMEOUT).build();
    }

    String tenant() {
        return tenant;
    }

    CompletableFuture<ChatSocket> open(Spec spec) {
        String token = tokens.computeIfAbsent(spec.user(),
                user -> TestTokens.token(AuthenticatedUser.of(user, user, tenant, Role.CUSTOMER)));
        URI uri = URI.create(spec.server().webSocketUrl("/ws/" + URLEncoder.encode(spec.other(), StandardCharsets.UTF_8)
                + "/?token=" + token));
        return ChatSocket.open(http, uri, spec.frames(), HANDSHAKE_TIMEOUT);
    }

    /**
     * Opens every socket with at most {@code concurrency} handshakes in flight (each may start a conversation on the
     * server: a command and a commit). Stops starting new ones after {@code maxFailures} failures, so a server that
     * refuses or hangs past a limit ends the step in seconds rather than after every timeout.
     */
    Opened openAll(List<Spec> specs, int concurrency, int maxFailures) throws InterruptedException {
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(concurrency);
        ChatSocket[] opened = new ChatSocket[specs.size()];
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        int attempted = 0;
        for (int i = 0; i < specs.size() && failed.get() < maxFailures; i++, attempted++) {
            slots.acquire();
            int index = i;
            open(specs.get(i)).whenComplete((socket, failure) -> {
                if (failure == null) {
                    opened[index] = socket;
                } else {
                    failed.incrementAndGet();
                    failures.add(rootCause(failure));
                }
                slots.release();
            });
        }
        slots.acquire(concurrency); // every started handshake has finished
        slots.release(concurrency);
        List<ChatSocket> sockets = new ArrayList<>();
        for (ChatSocket socket : opened) {
            if (socket != null) {
                sockets.add(socket);
            }
        }
        return new Opened(sockets, failures, specs.size() - attempted, System.nanoTime() - start);
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException refused) {
            return "handshake refused with HTTP " + refused.getResponse().statusCode();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
