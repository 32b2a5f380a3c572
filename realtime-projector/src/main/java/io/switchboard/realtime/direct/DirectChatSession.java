package io.switchboard.realtime.direct;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.query.FindReadStates;
import io.switchboard.api.conversation.query.ReadStates;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.realtime.hub.Failures;
import io.switchboard.realtime.hub.Hub;
import io.switchboard.realtime.hub.HubConnection;
import io.switchboard.realtime.hub.HubSession;
import io.switchboard.realtime.hub.RateLimiter;
import io.switchboard.realtime.hub.Room;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One open socket of seed 002: reads the client's frames into commands and the hub's deliveries into frames.
 * The user is the verified token's username ({@link AuthenticatedUser#byUsername()}), never a payload field.
 */
final class DirectChatSession implements HubSession {

    private static final Logger log = LoggerFactory.getLogger(DirectChatSession.class);
    /** Sequences are JSON numbers: they must stay exact in JavaScript. */
    private static final long MAX_SEQUENCE = 9_007_199_254_740_991L;

    /** What a session needs from the node, shared by all sessions. */
    record Services(Hub hub, CommandGateway commands, QueryGateway queries, DirectFrames frames, JsonMapper json,
                    DirectChatProperties properties) {
    }

    private final WebSocketSession socket;
    private final Services services;
    private final AuthenticatedUser me;
    private final DirectEndpoint endpoint;
    /** The direct conversation (null on the all-conversations notification socket). */
    private final Long conversationId;
    /** The other user's username, as in the URL. */
    private final String other;
    private final Room room;
    private final RateLimiter rate;
    private HubConnection connection;

    DirectChatSession(WebSocketSession socket, Services services, AuthenticatedUser me, DirectEndpoint endpoint,
                      Long conversationId, String other) {
        this.socket = socket;
        this.services = services;
        this.me = me;
        this.endpoint = endpoint;
        this.conversationId = conversationId;
        this.other = other;
        this.room = conversationId == null ? null : Room.conversation(me.tenant(), conversationId);
        this.rate = new RateLimiter(services.properties().framesPerSecond(), services.properties().frameBurst());
    }

    @Override
    public String tenant() {
        return me.tenant();
    }

    @Override
    public String userId() {
        return me.userId();
    }

    /** @param resumeAfter the {@code last_sequence} of the URL, or -1 */
    void open(long resumeAfter) {
        connection = services.hub().open(this);
        switch (endpoint) {
            case CHAT -> {
                connection.enter(room, online -> send(services.frames().onlineUsers(online)));
                connection.subscribe(conversationId, resumeAfter);
            }
            case CONVERSATION_NOTIFICATIONS -> {
                connection.subscribe(conversationId);
                connection.run(() -> readStates(conversationId).thenAccept(states -> send(services.frames()
                        .conversationUnreadCount(conversationId, unreadOf(states)))));
            }
            case ALL_NOTIFICATIONS -> {
                connection.follow(ConversationKind.DIRECT);
                connection.run(() -> readStates(null)
                        .thenAccept(states -> send(services.frames().unreadCount(states.totalUnread()))));
            }
        }
    }

    void closed() {
        if (connection != null) {
            connection.close();
        }
    }

    // --- client frames ---------------------------------------------------------------------------------------

    void received(String text) {
        if (!rate.admit()) {
            if (rate.reportRefusal()) {
                error("rate_limited", "more than " + services.properties().framesPerSecond()
                        + " frames a second (bursts of " + services.properties().frameBurst() + "); frames dropped");
            }
            return;
        }
        JsonNode frame;
        try {
            frame = services.json().readTree(text);
        } catch (JacksonException e) {
            error("invalid_json", "a frame is one JSON object");
            return;
        }
        if (frame == null || !frame.isObject()) {
            error("invalid_json", "a frame is one JSON object");
            return;
        }
        JsonNode type = frame.get("type");
        if (type == null || type.isNull()) {
            error("missing_type", "a frame needs a \"type\"");
            return;
        }
        if (!type.isString()) {
            error("invalid_field", "type: must be a string");
            return;
        }
        String name = type.asString();
        if (endpoint != DirectEndpoint.CHAT) {
            error("unknown_type", "this notification socket takes no frames (got \"" + printable(name) + "\")");
            return;
        }
        switch (name) {
            case "chat_message" -> sendMessage(frame);
            case "read_messages" -> markRead();
            case "typing" -> typing(frame);
            case "resume" -> resume(frame);
            default -> error("unknown_type", "unknown frame type \"" + printable(name) + "\"");
        }
    }

    void receivedBinary() {
        error("binary_not_supported", "frames are JSON text");
    }

    private void sendMessage(JsonNode frame) {
        String text;
        String multimediaUrl;
        String clientMessageId;
        try {
            text = optionalString(frame, "message");
            multimediaUrl = optionalString(frame, "multimedia_url");
            clientMessageId = optionalString(frame, "client_message_id");
        } catch (IllegalArgumentException e) {
            error("invalid_field", e.getMessage());
            return;
        }
        List<Attachment> attachments = multimediaUrl == null || multimediaUrl.isEmpty() ? List.of()
                : List.of(new Attachment(multimediaUrl, null, null, 0));
        SendMessage command = new SendMessage(conversationId, ConversationKind.DIRECT, me, MessageType.TEXT,
                text, null, attachments, clientMessageId);
        dispatch(command);
    }

    private void markRead() {
        dispatch(new MarkConversationRead(conversationId, ConversationKind.DIRECT, me, Long.MAX_VALUE));
    }

    private void typing(JsonNode frame) {
        JsonNode typing = frame.get("is_typing");
        if (typing == null || !typing.isBoolean()) {
            error("invalid_field", "is_typing: must be true or false");
            return;
        }
        connection.signal(room, "typing", typing.booleanValue());
    }

    private void resume(JsonNode frame) {
        JsonNode last = frame.get("last_sequence");
        if (last == null || !last.isIntegralNumber() || !last.canConvertToLong() || last.longValue() < 0
                || last.longValue() > MAX_SEQUENCE) {
            error("invalid_field", "last_sequence: must be a whole number from 0 to 2^53-1");
            return;
        }
        connection.resume(conversationId, last.longValue());
    }

    private void dispatch(Object command) {
        CompletableFuture<Object> result = services.commands().send(command,
                MetaData.from(AuditMetadata.of(me, Dialect.DIRECT_WEBSOCKET, null)));
        result.whenComplete((answer, failure) -> {
            if (failure != null) {
                refused(failure);
            }
        });
    }

    private void refused(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof CommandRejectedException rejected) {
            error(rejected.code().name().toLowerCase(Locale.ROOT), rejected.getMessage());
        } else {
            log.warn("direct chat command failed for {} in {}", me.userId(), me.tenant(), cause);
            error("unavailable", "the server could not take this now; try again");
        }
    }

    private static String optionalString(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return value.asString();
    }

    /** Echoed names are cut short: an error frame must not carry a client's megabyte back. */
    private static String printable(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    // --- hub deliveries (on this connection's lane) --------------------------------------------------------

    @Override
    public CompletionStage<?> onMessage(MessageSent message) {
        if (endpoint == DirectEndpoint.CHAT) {
            send(services.frames().chatMessage(message, other));
            return DONE;
        }
        if (message.senderId().equals(me.userId())) {
            return DONE;
        }
        return services.hub().freshReads().until(() -> readStates(conversationId),
                        states -> states.of(conversationId).map(s -> s.lastSequence() >= message.sequence()).orElse(false))
                .thenAccept(states -> {
                    long unread = unreadOf(states);
                    send(services.frames().conversationNewMessage(message, unread));
                    send(services.frames().conversationUnreadCount(conversationId, unread));
                });
    }

    @Override
    public CompletionStage<?> onSubscribedEvent(Object event) {
        if (endpoint == DirectEndpoint.CONVERSATION_NOTIFICATIONS && event instanceof ConversationRead read
                && read.readerId().equals(me.userId())) {
            return services.hub().freshReads().until(() -> readStates(conversationId), states -> readUpTo(states,
                            read.conversationId()) >= read.upToSequence())
                    .thenAccept(states -> send(services.frames()
                            .conversationUnreadCount(conversationId, unreadOf(states))));
        }
        return DONE;
    }

    @Override
    public CompletionStage<?> onFollowedEvent(Object event) {
        if (event instanceof MessageSent message && !message.senderId().equals(me.userId())) {
            return services.hub().freshReads().until(() -> readStates(null), states -> states
                            .of(message.conversationId()).map(s -> s.lastSequence() >= message.sequence()).orElse(false))
                    .thenAccept(states -> send(services.frames().newMessage(message, states.totalUnread())));
        }
        if (event instanceof ConversationRead read && read.readerId().equals(me.userId())) {
            return services.hub().freshReads().until(() -> readStates(null),
                            states -> readUpTo(states, read.conversationId()) >= read.upToSequence())
                    .thenAccept(states -> send(services.frames().unreadCount(states.totalUnread())));
        }
        return DONE;
    }

    @Override
    public void onPresence(Room room, String userId, boolean online) {
        send(online ? services.frames().userJoin(userId) : services.frames().userLeave(userId));
    }

    @Override
    public void onSignal(Room room, String userId, String signal, boolean active) {
        if ("typing".equals(signal) && !userId.equals(me.userId())) {
            send(services.frames().typing(userId, active));
        }
    }

    @Override
    public void onOverflow() {
        try {
            socket.close(CloseStatus.SERVICE_OVERLOAD.withReason("too far behind; reconnect and resume"));
        } catch (IOException e) {
            log.debug("closing an overflowing socket", e);
        }
    }

    private CompletableFuture<ReadStates> readStates(Long conversation) {
        return services.queries().query(new FindReadStates(me.tenant(), me.userId(), ConversationKind.DIRECT,
                conversation), ReadStates.class);
    }

    private long unreadOf(ReadStates states) {
        return states.of(conversationId).map(ReadStates.ReadState::unread).orElse(0L);
    }

    private static long readUpTo(ReadStates states, long conversation) {
        return states.of(conversation).map(ReadStates.ReadState::readUpTo).orElse(0L);
    }

    private void error(String code, String message) {
        send(services.frames().error(code, message));
    }

    private void send(String frame) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            socket.sendMessage(new TextMessage(frame));
        } catch (IOException | IllegalStateException e) {
            // The decorator closes a socket that is too slow; the close callback tidies up.
            log.debug("could not send to socket {}: {}", socket.getId(), e.toString());
        }
    }
}
