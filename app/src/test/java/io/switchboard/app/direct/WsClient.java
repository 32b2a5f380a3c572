package io.switchboard.app.direct;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/**
 * A real WebSocket client (the JDK's {@link java.net.http.WebSocket}) that keeps every frame it receives, for the
 * direct chat's end-to-end tests.
 */
final class WsClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<JsonNode> frames;
    final CompletableFuture<Integer> closedWith;
    private final Map<JsonNode, Instant> receivedAt;
    private final WebSocket socket;

    private WsClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.frames = listener.frames;
        this.closedWith = listener.closedWith;
        this.receivedAt = listener.receivedAt;
    }

    /** When the frame arrived. */
    Instant receivedAt(JsonNode frame) {
        return receivedAt.get(frame);
    }

    static WsClient connect(String url) {
        return connect(url, Map.of());
    }

    static WsClient connect(String url, Map<String, String> headers) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(URI.create(url), listener).join();
        return new WsClient(socket, listener);
    }

    /** The HTTP status the server refused the handshake with (fails if it upgraded). */
    static int refusal(String url, Map<String, String> headers) {
        try {
            connect(url, headers).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake to " + url + " was accepted");
    }

    void send(Object frame) {
        sendText(JSON.writeValueAsString(frame));
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    List<JsonNode> ofType(String type) {
        return frames.stream().filter(frame -> type.equals(frame.path("type").asString())).toList();
    }

    /** Waits for a frame of that type matching the condition and returns the first such. */
    JsonNode await(String type, Predicate<JsonNode> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> ofType(type).stream().filter(condition).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    JsonNode await(String type) {
        return await(type, frame -> true);
    }

    List<String> types() {
        List<String> types = new ArrayList<>();
        frames.forEach(frame -> types.add(frame.path("type").asString()));
        return types;
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !closedWith.isDone();
    }

    @Override
    public void close() {
        if (closedWith.isDone()) {
            return;
        }
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null).join();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(closedWith::isDone);
    }

    /** Drops the TCP connection without a close handshake, as a crashed browser would. */
    void abort() {
        socket.abort();
        closedWith.complete(-1);
    }

    private static final class Listener implements WebSocket.Listener {

        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        final Map<JsonNode, Instant> receivedAt = Collections.synchronizedMap(new IdentityHashMap<>());
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                JsonNode frame = JSON.readTree(text);
                receivedAt.put(frame, Instant.now());
                frames.add(frame);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.complete(-1);
        }
    }
}
