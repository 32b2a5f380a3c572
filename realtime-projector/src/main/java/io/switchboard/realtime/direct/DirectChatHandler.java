package io.switchboard.realtime.direct;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The three seed-002 sockets; what each does is decided at the handshake ({@link DirectChatHandshake.Setup}).
 * Sends go through Spring's concurrent decorator: deliveries and error frames may come from different threads, and a
 * client that stops reading is closed instead of piling up frames.
 */
final class DirectChatHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(DirectChatHandler.class);
    private static final String SESSION = "switchboard.direct.session";
    private static final String PARTS = "switchboard.direct.parts";

    private final DirectChatSession.Services services;

    DirectChatHandler(DirectChatSession.Services services) {
        this.services = services;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        DirectChatHandshake.Setup setup = (DirectChatHandshake.Setup) raw.getAttributes()
                .get(DirectChatHandshake.SESSION_SETUP);
        WebSocketSession socket = new ConcurrentWebSocketSessionDecorator(raw,
                (int) services.properties().sendTimeout().toMillis(), services.properties().sendBufferBytes());
        DirectChatSession session = new DirectChatSession(socket, services, setup.me(), setup.endpoint(),
                setup.conversationId(), setup.other());
        raw.getAttributes().put(SESSION, session);
        session.open(setup.resumeAfter());
    }

    /**
     * Frames arrive in parts of at most the container's (small) buffer and are put together here, up to
     * {@code max-frame-bytes}: the container allocates its buffers for every socket, so their size, not the frame
     * limit, decides what an idle socket costs (at 64 KiB buffers, ~250 KiB a socket — bench/README.md).
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws java.io.IOException {
        StringBuilder parts = (StringBuilder) raw.getAttributes().get(PARTS);
        if (message.isLast() && parts == null) {
            session(raw).received(message.getPayload());
            return;
        }
        if (parts == null) {
            parts = new StringBuilder();
            raw.getAttributes().put(PARTS, parts);
        }
        parts.append(message.getPayload());
        // UTF-16 units of a string of n UTF-8 bytes are at most n: bound the characters first, the bytes at the end
        if (parts.length() > services.properties().maxFrameBytes()) {
            tooBig(raw);
            return;
        }
        if (message.isLast()) {
            raw.getAttributes().remove(PARTS);
            String frame = parts.toString();
            if (frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > services.properties().maxFrameBytes()) {
                tooBig(raw);
                return;
            }
            session(raw).received(frame);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
        if (message.isLast()) {
            session(raw).receivedBinary();
        }
    }

    private void tooBig(WebSocketSession raw) throws java.io.IOException {
        raw.getAttributes().remove(PARTS);
        raw.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frames are at most "
                + services.properties().maxFrameBytes() + " bytes"));
    }

    @Override
    public void handleTransportError(WebSocketSession raw, Throwable exception) {
        log.debug("direct chat socket {} failed: {}", raw.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
        DirectChatSession session = (DirectChatSession) raw.getAttributes().get(SESSION);
        if (session != null) {
            session.closed();
        }
    }

    private static DirectChatSession session(WebSocketSession raw) {
        return (DirectChatSession) raw.getAttributes().get(SESSION);
    }
}
