package io.switchboard.realtime.socketio;

/**
 * One Socket.IO server's settings.
 *
 * @param name            for logs and thread names, e.g. {@code live-chat}
 * @param port            0 picks a free port (tests)
 * @param maxPayloadBytes largest WebSocket frame or polling request body; larger ones are refused by the transport
 * @param eventsPerSecond sustained events per connection; more are refused through the dialect's error ack
 * @param eventBurst      events a connection may send at once before the rate applies
 * @param pingInterval    how often Engine.IO pings; with {@code pingTimeout} it bounds how long a vanished client
 *                        (closed laptop, dead network) still counts as connected
 * @param pingTimeout     how long a ping may go unanswered
 */
public record SocketIoSettings(String name, int port, int maxPayloadBytes, double eventsPerSecond, int eventBurst,
                               java.time.Duration pingInterval, java.time.Duration pingTimeout) {
}
