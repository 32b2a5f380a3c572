package io.switchboard.realtime.socketio;

/**
 * One Socket.IO server's settings.
 *
 * @param name            for logs and thread names, e.g. {@code live-chat}
 * @param port            0 picks a free port (tests)
 * @param maxPayloadBytes largest WebSocket frame or polling request body; larger ones are refused by the transport
 * @param eventsPerSecond sustained events per connection; more are refused through the dialect's error ack
 * @param eventBurst      events a connection may send at once before the rate applies
 */
public record SocketIoSettings(String name, int port, int maxPayloadBytes, double eventsPerSecond, int eventBurst) {
}
