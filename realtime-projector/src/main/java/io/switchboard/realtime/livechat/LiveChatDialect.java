package io.switchboard.realtime.livechat;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.AddStaffToChat;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.MarkVisitorOffline;
import io.switchboard.api.livechat.RemoveStaffFromChat;
import io.switchboard.api.livechat.TakeOverChat;
import io.switchboard.api.text.InputText;
import io.switchboard.realtime.hub.Failures;
import io.switchboard.realtime.hub.Room;
import io.switchboard.realtime.socketio.SocketIoAck;
import io.switchboard.realtime.socketio.SocketIoClient;
import io.switchboard.realtime.socketio.SocketIoDialect;
import io.switchboard.realtime.socketio.SocketIoEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.switchboard.realtime.livechat.LiveChatServices.staffRoom;
import static io.switchboard.realtime.livechat.LiveChatServices.typingRoom;

/**
 * Seed 004's client events: each checked (role, fields), turned into a command for the caller's own identity and
 * answered {@code (true, null)} or {@code (false, "why")} ({@code staff_msg}: a third argument, the stored message).
 * Nothing reaches the command side before its shape is right; the aggregate decides the rules.
 */
final class LiveChatDialect implements SocketIoDialect {

    private static final Logger log = LoggerFactory.getLogger(LiveChatDialect.class);
    private static final String SESSION = "livechat.session";

    private final LiveChatServices services;

    LiveChatDialect(LiveChatServices services) {
        this.services = services;
    }

    @Override
    public Map<String, SocketIoEventHandler> events() {
        Map<String, SocketIoEventHandler> events = new LinkedHashMap<>();
        events.put("visitor_first_msg", visitor(this::firstMessage));
        events.put("visitor_msg_unclaimed", visitor(this::visitorMessage));
        events.put("visitor_msg", visitor(this::visitorMessage));
        events.put("visitor_leave_room", visitor(this::visitorLeave));
        events.put("staff_join", staff(this::claim));
        events.put("staff_msg", staff(this::staffMessage));
        events.put("staff_leave_room", staff(this::staffLeave));
        events.put("take_over_chat", supervisor(this::takeOver));
        events.put("add_staff_to_chat", supervisor(this::addStaff));
        events.put("remove_staff_from_chat", supervisor(this::removeStaff));
        events.put("change_chat_priority", staff(this::changePriority));
        events.put("user_typing_send", (client, data, ack) -> typing(session(client), data, ack, true));
        events.put("user_stop_typing_send", (client, data, ack) -> typing(session(client), data, ack, false));
        return events;
    }

    @Override
    public void connected(SocketIoClient client) {
        AuthenticatedUser user = client.user();
        LiveChatSession session = new LiveChatSession(client, services);
        client.set(SESSION, session);
        if (user.role() == Role.VISITOR) {
            session.openAsVisitor();
        } else if (user.role().isStaff()) {
            session.openAsStaff();
        } else {
            client.emit("error", Map.of("message", "live chat is for visitors and staff (agent, supervisor, admin); "
                    + "role " + user.role().wireName() + " may not connect"));
            client.disconnect();
        }
    }

    @Override
    public void disconnected(SocketIoClient client) {
        LiveChatSession session = client.get(SESSION);
        if (session == null || session.connection() == null) {
            return;
        }
        AuthenticatedUser user = session.user();
        Long chatId = session.chatId();
        session.connection().close().thenAccept(offlineIn -> {
            if (session.isVisitor() && chatId != null
                    && offlineIn.contains(LiveChatServices.visitorsRoom(user.tenant()))) {
                // The chat stays open: a queued one waits in the offline queue, a claimed one keeps its staff.
                services.send(new MarkVisitorOffline(chatId, user), user);
            } else if (!session.isVisitor() && offlineIn.contains(staffRoom(user.tenant()))) {
                // Seed 004: a staff member's disconnect closes their chats (or leaves them, when others serve too).
                services.directory().openChatsOf(user.tenant(), user.userId())
                        .forEach(id -> services.send(new LeaveChat(id, user, true), user));
            }
        });
    }

    /** Seed 004's error answer. */
    @Override
    public void refuse(SocketIoAck ack, String why) {
        ack.send(false, why);
    }

    // --- visitors --------------------------------------------------------------------------------------------

    private void firstMessage(LiveChatSession session, Object data, SocketIoAck ack) {
        String content = content(data);
        if (content == null) {
            refuse(ack, "content: must be a JSON object");
            return;
        }
        AuthenticatedUser me = session.user();
        StartConversation start = new StartConversation(ConversationKind.LIVE_CHAT, me.tenant(), null, List.of(), me,
                new FirstMessage(MessageType.TEXT, null, content, List.of(), null));
        services.send(start, me).whenComplete((answer, failure) -> {
            if (failure != null) {
                CommandRejectedException rejected = rejection(failure);
                if (rejected != null && rejected.code() == ErrorCode.CONVERSATION_EXISTS) {
                    refuse(ack, "you have an open chat already: send visitor_msg (or visitor_leave_room first)");
                } else {
                    refused(ack, failure);
                }
                return;
            }
            long id = ((MessageAccepted) answer).conversationId();
            session.chatId(id);
            session.connection().subscribe(id);
            ack.send(true, null);
        });
    }

    private void visitorMessage(LiveChatSession session, Object data, SocketIoAck ack) {
        String content = content(data);
        if (content == null) {
            refuse(ack, "content: must be a JSON object");
            return;
        }
        AuthenticatedUser me = session.user();
        ownChat(session).thenCompose(id -> services.send(new SendMessage(id, ConversationKind.LIVE_CHAT, me,
                        MessageType.TEXT, null, content, List.of(), null), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void visitorLeave(LiveChatSession session, Object data, SocketIoAck ack) {
        AuthenticatedUser me = session.user();
        ownChat(session).thenCompose(id -> services.send(new LeaveChat(id, me, false), me))
                .whenComplete((answer, failure) -> {
                    if (failure == null) {
                        session.chatId(null);
                    }
                    answer(ack, failure);
                });
    }

    /** The visitor's own open chat, never one named in a payload. */
    private CompletableFuture<Long> ownChat(LiveChatSession session) {
        Long known = session.chatId();
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        AuthenticatedUser me = session.user();
        return services.openChatOf(me.tenant(), me.userId()).thenApply(open -> {
            long id = open.orElseThrow(() -> new Refusal("no open chat: send visitor_first_msg first"));
            session.chatId(id);
            session.connection().subscribe(id);
            return id;
        });
    }

    // --- staff ---------------------------------------------------------------------------------------------

    private void claim(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        AuthenticatedUser me = session.user();
        chatOf(me, data).thenCompose(id -> services.send(new ClaimChat(id, me), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void staffMessage(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        String content = content(data.get("content"));
        if (content == null) {
            refuse(ack, "content: must be a JSON object");
            return;
        }
        AuthenticatedUser me = session.user();
        chatOf(me, data).thenCompose(id -> services.send(new SendMessage(id, ConversationKind.LIVE_CHAT, me,
                        MessageType.TEXT, null, content, List.of(), null), me))
                .whenComplete((answer, failure) -> {
                    if (failure != null) {
                        refused(ack, failure);
                        return;
                    }
                    MessageAccepted accepted = (MessageAccepted) answer;
                    ack.send(true, null, services.payloads().message(accepted.messageId(), accepted.conversationId(),
                            accepted.sequence(), content, accepted.sentAt(), services.payloads().staff(me)));
                });
    }

    private void staffLeave(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        AuthenticatedUser me = session.user();
        // seed 004 names it "visitor" in one place and "room" in another: either is taken
        Map<String, Object> addressed = data.containsKey("visitor") ? data : Map.of("visitor",
                data.getOrDefault("room", ""));
        chatOf(me, addressed).thenCompose(id -> services.send(new LeaveChat(id, me, false), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void takeOver(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        AuthenticatedUser me = session.user();
        chatOf(me, data).thenCompose(id -> services.send(new TakeOverChat(id, me), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void addStaff(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        String staffId = identifier(data, "staff");
        if (staffId == null) {
            refuse(ack, "staff: the staff member's id, a string");
            return;
        }
        AuthenticatedUser me = session.user();
        Map<String, Object> profile = services.payloads().parse(services.directory().profile(me.tenant(), staffId));
        String name = profile == null ? staffId : String.valueOf(profile.getOrDefault("full_name", staffId));
        Role role = profile == null ? Role.AGENT : switch (String.valueOf(profile.get("role_id"))) {
            case "1" -> Role.ADMIN;
            case "2" -> Role.SUPERVISOR;
            default -> Role.AGENT;
        };
        chatOf(me, data).thenCompose(id -> services.send(new AddStaffToChat(id, me,
                        new Participant(staffId, name, role)), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void removeStaff(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        String staffId = identifier(data, "staff");
        if (staffId == null) {
            refuse(ack, "staff: the staff member's id, a string");
            return;
        }
        AuthenticatedUser me = session.user();
        chatOf(me, data).thenCompose(id -> services.send(new RemoveStaffFromChat(id, me, staffId), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    private void changePriority(LiveChatSession session, Map<String, Object> data, SocketIoAck ack) {
        Object level = data.getOrDefault("severity_level", 0);
        if (!(level instanceof Integer || level instanceof Long || level instanceof Short)) {
            refuse(ack, "severity_level: a whole number from 0 to " + ChangeChatPriority.MAX_SEVERITY_LEVEL);
            return;
        }
        long severity = ((Number) level).longValue();
        if (severity < 0 || severity > ChangeChatPriority.MAX_SEVERITY_LEVEL) {
            refuse(ack, "severity_level: a whole number from 0 to " + ChangeChatPriority.MAX_SEVERITY_LEVEL);
            return;
        }
        AuthenticatedUser me = session.user();
        chatOf(me, data).thenCompose(id -> services.send(new ChangeChatPriority(id, me, (int) severity), me))
                .whenComplete((answer, failure) -> answer(ack, failure));
    }

    /** The open chat of the visitor a staff payload names; only ever within the caller's organisation. */
    private CompletableFuture<Long> chatOf(AuthenticatedUser me, Map<String, Object> data) {
        String visitorId = identifier(data, "visitor");
        if (visitorId == null) {
            return CompletableFuture.failedFuture(new Refusal("visitor: the visitor's id, a string"));
        }
        return services.openChatOf(me.tenant(), visitorId).thenApply(open -> open.orElseThrow(
                () -> new Refusal("visitor " + visitorId + " has no open chat")));
    }

    // --- typing (never stored) -------------------------------------------------------------------------------

    private void typing(LiveChatSession session, Object data, SocketIoAck ack, boolean typing) {
        if (session == null) {
            refuse(ack, "not connected");
            return;
        }
        AuthenticatedUser me = session.user();
        CompletableFuture<Long> chat;
        if (session.isVisitor()) {
            chat = ownChat(session);
        } else if (data instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) map;
            chat = chatOf(me, fields).thenApply(id -> {
                boolean inChat = services.directory().chat(id, me.tenant()).map(c -> c.hasStaff(me.userId()))
                        .orElse(false);
                if (!inChat) {
                    throw new Refusal("you are not in this visitor's chat");
                }
                return id;
            });
        } else {
            refuse(ack, "data: an object with \"visitor\"");
            return;
        }
        chat.whenComplete((id, failure) -> {
            if (failure != null) {
                refused(ack, failure);
                return;
            }
            Room room = typingRoom(me.tenant());
            session.connection().signal(room, "typing:" + id, typing);
            ack.send(true, null);
        });
    }

    // --- shapes and answers ------------------------------------------------------------------------------------

    private interface Handler<T> {
        void handle(LiveChatSession session, T data, SocketIoAck ack);
    }

    private SocketIoEventHandler visitor(Handler<Object> handler) {
        return (client, data, ack) -> {
            LiveChatSession session = session(client);
            if (session == null || !session.isVisitor()) {
                refuse(ack, "only a visitor sends this event");
                return;
            }
            handler.handle(session, data, ack);
        };
    }

    private SocketIoEventHandler staff(Handler<Map<String, Object>> handler) {
        return withRole(handler, Role::isStaff, "only staff (agent, supervisor, admin) send this event");
    }

    private SocketIoEventHandler supervisor(Handler<Map<String, Object>> handler) {
        return withRole(handler, Role::isSupervisor, "only a supervisor or an admin sends this event");
    }

    @SuppressWarnings("unchecked")
    private SocketIoEventHandler withRole(Handler<Map<String, Object>> handler,
                                          java.util.function.Predicate<Role> allowed, String refusal) {
        return (client, data, ack) -> {
            LiveChatSession session = session(client);
            if (session == null || !allowed.test(session.user().role())) {
                refuse(ack, refusal);
                return;
            }
            if (!(data instanceof Map<?, ?>)) {
                refuse(ack, "data: must be an object");
                return;
            }
            handler.handle(session, (Map<String, Object>) data, ack);
        };
    }

    private static LiveChatSession session(SocketIoClient client) {
        return client.get(SESSION);
    }

    /** A payload id: a non-blank string of valid text, bounded like every identifier. */
    private static String identifier(Map<String, Object> data, String field) {
        Object value = data.get(field);
        if (!(value instanceof String text) || text.isBlank()
                || !InputText.isValid(text, MessageLimits.MAX_IDENTIFIER_LENGTH)) {
            return null;
        }
        return text;
    }

    /** The client's content object as JSON text (the aggregate bounds its size), or null when it is no object. */
    private String content(Object data) {
        return services.payloads().contentText(data);
    }

    private void answer(SocketIoAck ack, Throwable failure) {
        if (failure == null) {
            ack.send(true, null);
        } else {
            refused(ack, failure);
        }
    }

    private void refused(SocketIoAck ack, Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof Refusal refusal) {
            refuse(ack, refusal.getMessage());
        } else if (cause instanceof CommandRejectedException rejected) {
            refuse(ack, rejected.getMessage() + " (" + rejected.code().name().toLowerCase(Locale.ROOT) + ")");
        } else {
            log.warn("live chat: a client event failed", cause);
            refuse(ack, "the server could not take this now; try again");
        }
    }

    private static CommandRejectedException rejection(Throwable failure) {
        return Failures.unwrap(failure) instanceof CommandRejectedException rejected ? rejected : null;
    }

    /** A refusal decided here, before any command. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
