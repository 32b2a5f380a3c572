package io.switchboard.realtime.socketio;

import com.corundumstudio.socketio.AckRequest;

import java.util.concurrent.atomic.AtomicBoolean;

/** Answers one client event at most once; a no-op when the client did not ask for an answer. */
public final class SocketIoAck {

    private final AckRequest request;
    private final AtomicBoolean sent = new AtomicBoolean();

    SocketIoAck(AckRequest request) {
        this.request = request;
    }

    public void send(Object... arguments) {
        if (request != null && request.isAckRequested() && sent.compareAndSet(false, true)) {
            request.sendAckData(arguments);
        }
    }
}
