package io.switchboard.realtime.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.realtime.hub.RateLimiter;

/** An authenticated Socket.IO connection, as a dialect sees it. */
public final class SocketIoClient {

    private final SocketIOClient client;
    private final AuthenticatedUser user;
    private final RateLimiter rate;
    private volatile boolean connected = true;

    SocketIoClient(SocketIOClient client, AuthenticatedUser user, RateLimiter rate) {
        this.client = client;
        this.user = user;
        this.rate = rate;
    }

    /** From the verified token, never from a payload. */
    public AuthenticatedUser user() {
        return user;
    }

    public String id() {
        return client.getSessionId().toString();
    }

    /**
     * Queued for the client whatever its transport's state: a polling client has no open channel between its
     * requests, and netty-socketio hands it the queue on the next poll.
     */
    public void emit(String event, Object... data) {
        if (connected) {
            client.sendEvent(event, data);
        }
    }

    public void disconnect() {
        client.disconnect();
    }

    public boolean isConnected() {
        return connected;
    }

    void disconnected() {
        connected = false;
    }

    /** Per-connection state of the dialect. */
    public <T> T get(String key) {
        return client.get(key);
    }

    public <T> void set(String key, T value) {
        client.set(key, value);
    }

    RateLimiter rate() {
        return rate;
    }

    /** This client's events, one after the other, on the server's worker pool (never on netty's I/O threads). */
    private java.util.concurrent.CompletableFuture<Void> queue = java.util.concurrent.CompletableFuture.completedFuture(null);

    synchronized void enqueue(Runnable event, java.util.concurrent.Executor workers) {
        queue = queue.thenRunAsync(event, workers).exceptionally(failure -> null);
    }
}
