package io.switchboard.realtime.socketio;

import java.util.Map;

/**
 * What a Socket.IO dialect plugs into a {@link SocketIoServer}: its events and what it does when an authenticated
 * client arrives or leaves. Called on netty's threads: handlers must not block (send commands and queries
 * asynchronously, answer the ack when they complete).
 */
public interface SocketIoDialect {

    /** Event name → handler. Events not listed are answered (when the client asked for an ack) as unknown. */
    Map<String, SocketIoEventHandler> events();

    /** An authenticated client connected; it may be sent events now. */
    void connected(SocketIoClient client);

    /** The client is gone (closed, dropped, or timed out). */
    void disconnected(SocketIoClient client);

    /** The dialect's error ack: live chat answers {@code (false, "why")}, support {@code {success: false, error}}. */
    void refuse(SocketIoAck ack, String why);
}
