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

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
        session(raw).received(message.getPayload());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
        session(raw).receivedBinary();
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
