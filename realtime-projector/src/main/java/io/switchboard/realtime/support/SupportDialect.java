package io.switchboard.realtime.support;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.support.FindSupportConversation;
import io.switchboard.api.support.ShareRobotMessage;
import io.switchboard.api.support.SupportConversations;
import io.switchboard.api.text.InputText;
import io.switchboard.realtime.hub.Failures;
import io.switchboard.realtime.hub.Hub;
import io.switchboard.realtime.hub.Room;
import io.switchboard.realtime.socketio.SocketIoAck;
import io.switchboard.realtime.socketio.SocketIoClient;
import io.switchboard.realtime.socketio.SocketIoDialect;
import io.switchboard.realtime.socketio.SocketIoEventHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Seed 003's client events. Every payload's {@code userId}/{@code fromUserId}/{@code userRole}/{@code fromRole}
 * must be the token's, else the event is refused: nobody acts as another user. Replies are acks: {@code join_room}
 * {@code {success, participant}}, {@code send_message} the stored {@code Message}, {@code get_messages} the messages
 * oldest first, dashboard {@code {success, message}}, every error {@code {success: false, error}}.
 */
final class SupportDialect implements SocketIoDialect {

    private static final Logger log = LoggerFactory.getLogger(SupportDialect.class);
    private static final String SESSION = "support.session";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    private final Hub hub;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final SupportDirectory directory;
    private final ScheduledExecutorService timer;
    private final Duration typingExpiry;
    /** Connection + conversation → the pending automatic typing stop. */
    private final Map<String, ScheduledFuture<?>> typingStops = new ConcurrentHashMap<>();

    SupportDialect(Hub hub, CommandGateway commands, QueryGateway queries, SupportDirectory directory,
                   ScheduledExecutorService timer, Duration typingExpiry) {
        this.hub = hub;
        this.commands = commands;
        this.queries = queries;
        this.directory = directory;
        this.timer = timer;
        this.typingExpiry = typingExpiry;
    }

    @Override
    public Map<String, SocketIoEventHandler> events() {
        Map<String, SocketIoEventHandler> events = new LinkedHashMap<>();
        events.put("join_room", this::joinRoom);
        events.put("leave_room", this::leaveRoom);
        events.put("send_message", this::sendMessage);
        events.put("typing_start", (client, data, ack) -> typing(client, data, ack, true));
        events.put("typing_stop", (client, data, ack) -> typing(client, data, ack, false));
        events.put("get_messages", this::getMessages);
        events.put("share_robot_message", this::shareRobotMessage);
        events.put("join_dashboard", this::joinDashboard);
        events.put("leave_dashboard", this::leaveDashboard);
        return events;
    }

    @Override
    public void connected(SocketIoClient client) {
        if (SupportPayloads.userRole(client.user().role()) == null) {
            client.emit("error", Map.of("message", "support conversations are for customers, agents, supervisors "
                    + "and robots; role " + client.user().role().wireName() + " may not connect"));
            client.disconnect();
            return;
        }
        SupportSession session = new SupportSession(client, directory);
        session.open(hub.open(session));
        client.set(SESSION, session);
    }

    @Override
    public void disconnected(SocketIoClient client) {
        SupportSession session = client.get(SESSION);
        if (session != null) {
            session.connection().close();
        }
    }

    @Override
    public void refuse(SocketIoAck ack, String why) {
        ack.send(Map.of("success", false, "error", why));
    }

    // --- rooms -----------------------------------------------------------------------------------------------

    private void joinRoom(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: an object with conversationId, userId and userRole"
                : firstProblem(conversationIdProblem(fields), identityProblem(session.user(), fields, "userId",
                "userRole", true));
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        String clientId = (String) fields.get("conversationId");
        AuthenticatedUser me = session.user();
        conversation(me, clientId, null).thenCompose(id -> send(new JoinConversation(id, ConversationKind.SUPPORT,
                        me), me).thenApply(done -> id))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    session.connection().subscribe(id);
                    session.connection().enter(SupportSession.room(me.tenant(), clientId), entered -> { });
                    ack.send(Map.of("success", true, "participant",
                            SupportPayloads.participant(me.userId(), me.role(), java.time.Instant.now())));
                });
    }

    private void leaveRoom(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: an object with conversationId"
                : firstProblem(conversationIdProblem(fields), identityProblem(session.user(), fields, "userId",
                null, false));
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        AuthenticatedUser me = session.user();
        existing(me, (String) fields.get("conversationId"))
                .thenCompose(id -> send(new LeaveConversation(id, ConversationKind.SUPPORT, me), me)
                        .thenApply(done -> id))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    session.connection().unsubscribe(id);
                    ack.send(Map.of("success", true));
                });
    }

    // --- messages ----------------------------------------------------------------------------------------------

    private void sendMessage(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: a CreateMessageDto object"
                : firstProblem(conversationIdProblem(fields), identityProblem(session.user(), fields, "fromUserId",
                "fromRole", true), fields.get("content") instanceof String ? null : "content: must be a string");
        MessageType type = MessageType.TEXT;
        if (problem == null && fields.get("type") != null) {
            type = switch (String.valueOf(fields.get("type"))) {
                case "text" -> MessageType.TEXT;
                case "system" -> MessageType.SYSTEM;
                case "robot" -> MessageType.ROBOT;
                default -> null;
            };
            if (type == null) {
                problem = "type: one of text, system, robot";
            }
        }
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        AuthenticatedUser me = session.user();
        String clientId = (String) fields.get("conversationId");
        String content = (String) fields.get("content");
        MessageType messageType = type;
        FirstMessage first = new FirstMessage(messageType, content, null, List.of(), null);
        conversationOrStart(me, clientId, first).thenCompose(started -> started.accepted() != null
                        ? CompletableFuture.completedFuture(started.accepted())
                        : send(new SendMessage(started.id(), ConversationKind.SUPPORT, me, messageType, content, null,
                        List.of(), null), me).thenApply(MessageAccepted.class::cast))
                .whenComplete((accepted, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    session.connection().subscribe(accepted.conversationId());
                    session.connection().enter(SupportSession.room(me.tenant(), clientId), entered -> { });
                    ack.send(SupportPayloads.message(accepted.messageId(), clientId, me.userId(), me.role(), content,
                            messageType, accepted.sentAt(), accepted.sequence(), null));
                });
    }

    private void getMessages(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: an object with conversationId" : conversationIdProblem(fields);
        Integer limit = problem == null ? wholeNumber(fields.get("limit"), DEFAULT_LIMIT) : null;
        Integer offset = problem == null ? wholeNumber(fields.get("offset"), 0) : null;
        Integer after = problem == null ? wholeNumber(fields.get("afterSequence"), -1) : null;
        if (problem == null && (limit == null || limit < 1 || limit > MAX_LIMIT)) {
            problem = "limit: a whole number from 1 to " + MAX_LIMIT;
        } else if (problem == null && (offset == null || offset < 0)) {
            problem = "offset: a whole number from 0";
        } else if (problem == null && after == null) {
            problem = "afterSequence: a whole number from 0";
        }
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        AuthenticatedUser me = session.user();
        String clientId = (String) fields.get("conversationId");
        // Sequences are gap-free from 1, so skipping `offset` oldest messages is reading after sequence `offset`.
        long from = after >= 0 ? after : offset;
        existing(me, clientId).thenCompose(id -> membership(me, id).thenCompose(member -> queries.query(
                        new FindMessages(me.tenant(), id, limit, null, null, from, null), MessagePage.class)))
                .whenComplete((page, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    List<MessageView> oldestFirst = new ArrayList<>(page.messages());
                    Collections.reverse(oldestFirst);
                    ack.send(oldestFirst.stream()
                            .filter(message -> me.role() != Role.CUSTOMER || message.type() != MessageType.ROBOT)
                            .map(message -> (Object) SupportPayloads.message(message.messageId(), clientId,
                                    message.senderId(), message.senderRole(), message.text(), message.type(),
                                    message.sentAt(), message.sequence(), null))
                            .toList());
                });
    }

    private void shareRobotMessage(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: an object with originalMessageId, conversationId, fromUserId"
                : firstProblem(conversationIdProblem(fields), identityProblem(session.user(), fields, "fromUserId",
                null, true));
        Long original = null;
        if (problem == null) {
            Object value = fields.get("originalMessageId");
            try {
                original = value instanceof String text && text.matches("[1-9][0-9]{0,15}") ? Long.valueOf(text)
                        : null;
            } catch (NumberFormatException e) {
                original = null;
            }
            if (original == null) {
                problem = "originalMessageId: a message id (a string of digits)";
            }
        }
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        AuthenticatedUser me = session.user();
        String clientId = (String) fields.get("conversationId");
        long robotMessageId = original;
        existing(me, clientId).thenCompose(id -> send(new ShareRobotMessage(id, me, robotMessageId), me))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    MessageAccepted accepted = (MessageAccepted) answer;
                    ack.send(Map.of("success", true, "message", SupportPayloads.message(accepted.messageId(), clientId,
                            me.userId(), me.role(), null, MessageType.TEXT, accepted.sentAt(), accepted.sequence(),
                            robotMessageId)));
                });
    }

    // --- typing ----------------------------------------------------------------------------------------------

    private void typing(SocketIoClient client, Object data, SocketIoAck ack, boolean typing) {
        SupportSession session = client.get(SESSION);
        Map<String, Object> fields = object(data);
        String problem = fields == null ? "data: an object with conversationId and userId"
                : firstProblem(conversationIdProblem(fields), identityProblem(session.user(), fields, "userId", null,
                true));
        if (problem != null) {
            refuse(ack, problem);
            return;
        }
        AuthenticatedUser me = session.user();
        Room room = SupportSession.room(me.tenant(), (String) fields.get("conversationId"));
        String key = client.id() + '\0' + room.key();
        ScheduledFuture<?> pending = typingStops.remove(key);
        if (pending != null) {
            pending.cancel(false);
        }
        String signal = "typing:" + me.name();
        session.connection().signal(room, signal, typing);
        if (typing) {
            // A client that never says stop (closed tab, lost network) must not type forever.
            typingStops.put(key, timer.schedule(() -> {
                typingStops.remove(key);
                session.connection().signal(room, signal, false);
            }, typingExpiry.toMillis(), TimeUnit.MILLISECONDS));
        }
        ack.send(Map.of("success", true));
    }

    // --- dashboard -------------------------------------------------------------------------------------------

    private void joinDashboard(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        Role role = session.user().role();
        if (!(role.isStaff())) {
            refuse(ack, "the dashboard is for agents and supervisors");
            return;
        }
        session.connection().watch(ConversationKind.SUPPORT);
        ack.send(Map.of("success", true, "message", "Joined dashboard"));
    }

    private void leaveDashboard(SocketIoClient client, Object data, SocketIoAck ack) {
        SupportSession session = client.get(SESSION);
        session.connection().unwatch(ConversationKind.SUPPORT);
        ack.send(Map.of("success", true, "message", "Left dashboard"));
    }

    // --- conversations by client id -----------------------------------------------------------------------------

    private record Started(long id, MessageAccepted accepted) {
    }

    /** The client id's conversation; the first participant to use it starts it (with its first message, if any). */
    private CompletableFuture<Long> conversation(AuthenticatedUser me, String clientId, FirstMessage first) {
        return conversationOrStart(me, clientId, first).thenApply(Started::id);
    }

    private CompletableFuture<Started> conversationOrStart(AuthenticatedUser me, String clientId, FirstMessage first) {
        return lookup(me, clientId).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(new Started(found.get(), null));
            }
            return send(new StartConversation(ConversationKind.SUPPORT, me.tenant(), clientId, List.of(), me, first), me)
                    .thenApply(answer -> answer instanceof MessageAccepted accepted
                            ? new Started(accepted.conversationId(), accepted)
                            : new Started(((Number) answer).longValue(), null))
                    .exceptionallyCompose(failure -> {
                        // two first users racing: the loser uses the winner's conversation
                        if (Failures.unwrap(failure) instanceof CommandRejectedException rejected
                                && rejected.code() == ErrorCode.CONVERSATION_EXISTS
                                && rejected.conversationId() != null) {
                            return CompletableFuture.completedFuture(new Started(rejected.conversationId(), null));
                        }
                        return CompletableFuture.failedFuture(failure);
                    });
        });
    }

    private CompletableFuture<Long> existing(AuthenticatedUser me, String clientId) {
        return lookup(me, clientId).thenApply(found -> found.orElseThrow(
                () -> new Refusal("conversation " + clientId + " does not exist")));
    }

    private CompletableFuture<Optional<Long>> lookup(AuthenticatedUser me, String clientId) {
        return queries.query(new FindSupportConversation(me.tenant(), clientId),
                ResponseTypes.optionalInstanceOf(Long.class));
    }

    /** Reading a conversation's messages takes being in it (agents and supervisors may read any of the tenant's). */
    private CompletableFuture<Boolean> membership(AuthenticatedUser me, long id) {
        if (me.role().isStaff()) {
            return CompletableFuture.completedFuture(true);
        }
        boolean member = directory.state(id, me.tenant()).map(state -> {
            SupportDirectory.Member found = state.participants.get(me.userId());
            return found != null && found.active();
        }).orElse(false);
        return member ? CompletableFuture.completedFuture(true)
                : CompletableFuture.failedFuture(new Refusal("join_room first"));
    }

    private CompletableFuture<Object> send(Object command, AuthenticatedUser me) {
        return commands.send(command, MetaData.from(AuditMetadata.of(me, Dialect.SUPPORT_SOCKETIO, null)));
    }

    // --- validation ---------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object data) {
        return data instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static String conversationIdProblem(Map<String, Object> fields) {
        Object value = fields.get("conversationId");
        if (!(value instanceof String id) || id.isBlank()) {
            return "conversationId: a non-empty string";
        }
        InputText.Problem problem = InputText.problem(id, SupportConversations.MAX_CLIENT_ID_LENGTH);
        return problem == null ? null : "conversationId: " + (problem == InputText.Problem.TOO_LONG
                ? "at most " + SupportConversations.MAX_CLIENT_ID_LENGTH + " characters" : problem.detail());
    }

    /** The payload's user and role must be the token's: nobody acts as another user. */
    private static String identityProblem(AuthenticatedUser me, Map<String, Object> fields, String userField,
                                          String roleField, boolean userRequired) {
        Object user = fields.get(userField);
        if (user == null && !userRequired) {
            return null;
        }
        if (!me.userId().equals(user)) {
            return userField + ": must be your own user id (" + me.userId() + ")";
        }
        if (roleField != null && !SupportPayloads.userRole(me.role()).equals(fields.get(roleField))) {
            return roleField + ": must be your own role (" + SupportPayloads.userRole(me.role()) + ")";
        }
        return null;
    }

    private static String firstProblem(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** null when present but not a whole number. */
    private static Integer wholeNumber(Object value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        return value instanceof Integer number ? number : null;
    }

    private void refused(SocketIoAck ack, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof Refusal refusal) {
            refuse(ack, refusal.getMessage());
        } else if (cause instanceof CommandRejectedException rejected) {
            refuse(ack, rejected.getMessage() + " (" + rejected.code().name().toLowerCase(Locale.ROOT) + ")");
        } else {
            log.warn("support: a client event failed", cause);
            refuse(ack, "the server could not take this now; try again");
        }
    }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
