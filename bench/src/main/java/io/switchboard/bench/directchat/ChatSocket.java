package io.switchboard.bench.directchat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client socket of the direct chat (JDK {@link WebSocket}, asynchronous: thousands share one client's selector
 * thread). Every complete text frame goes to the {@link Frames} callback on an HttpClient thread, so the callback
 * must be short; the socket then asks for the next frame at once, so the server never sees a slow reader.
 */
final class ChatSocket {

    /** Receives each complete text frame with the instant ({@link System#nanoTime()}) its last part arrived. */
    interface Frames {
        void received(String frame, long receivedNanos);

        /** Ignores every frame: idle sockets only read, so nothing piles up in the server's buffers. */
        Frames IGNORE = (frame, receivedNanos) -> {
        };
    }

    /** Called with {@link System#nanoTime()} just before a frame is handed to the socket. */
    interface SendTime {
        void at(long nanos);
    }

    private final WebSocket socket;
    private final Listener listener;
    /** The JDK allows one outstanding send per socket: each send starts when the previous one completed. */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    private ChatSocket(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    /** Opens a socket; the future fails when the handshake is refused or does not finish within {@code timeout}. */
    static CompletableFuture<ChatSocket> open(HttpClient http, URI uri, Frames frames, Duration timeout) {
        Listener listener = new Listener(frames);
        return http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(uri, listener)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(socket -> new ChatSocket(socket, listener));
    }

    /**
     * Queues a text frame behind this socket's earlier ones.
     *
     * @param onSend told the instant the frame really leaves (after the previous frame's send completed), so a
     *               message is timed from then
     */
    synchronized CompletableFuture<?> send(String text, SendTime onSend) {
        lastSend = lastSend.handle((ignored, failure) -> null).thenCompose(ignored -> {
            onSend.at(System.nanoTime());
            return socket.sendText(text, true);
        });
        return lastSend;
    }

    /** Neither closed by the server nor failed. */
    boolean isOpen() {
        return !listener.closed && !socket.isInputClosed() && !socket.isOutputClosed();
    }

    /** Frames received so far (all types). */
    int framesReceived() {
        return listener.count.get();
    }

    /** Drops the connection without a close handshake: at the end of a run nothing waits for 10,000 goodbyes. */
    void abort() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {

        private final Frames frames;
        private final AtomicInteger count = new AtomicInteger();
        private volatile boolean closed;
        /** Only for a frame that arrives in parts (the JDK splits large ones); chat frames are small. */
        private StringBuilder partial;

        Listener(Frames frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                (partial == null ? partial = new StringBuilder() : partial).append(data);
            } else {
                long now = System.nanoTime();
                String text = partial == null ? data.toString() : partial.append(data).toString();
                partial = null;
                count.incrementAndGet();
                frames.received(text, now);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }
    }
}
