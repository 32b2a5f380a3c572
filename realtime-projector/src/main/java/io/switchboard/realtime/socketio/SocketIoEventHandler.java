package io.switchboard.realtime.socketio;

/** Handles one client event. {@code data} is the event's first argument as JSON-decoded Java values (maps, lists,
 * strings, numbers, booleans) or null. */
@FunctionalInterface
public interface SocketIoEventHandler {

    void handle(SocketIoClient client, Object data, SocketIoAck ack);
}
