package io.switchboard.realtime.livechat;

import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.FindLiveChatQueue;
import io.switchboard.api.livechat.LiveChatQueue;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.api.livechat.MarkVisitorOnline;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import io.switchboard.realtime.hub.HubConnection;
import io.switchboard.realtime.hub.HubSession;
import io.switchboard.realtime.hub.Room;
import io.switchboard.realtime.socketio.SocketIoClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.switchboard.realtime.livechat.LiveChatServices.staffRoom;
import static io.switchboard.realtime.livechat.LiveChatServices.typingRoom;
import static io.switchboard.realtime.livechat.LiveChatServices.visitorsRoom;

/**
 * One live-chat connection: renders the hub's deliveries as seed 004's events for its audience. A visitor hears its
 * own chat; staff hear the organisation's queue and the chats they are in; supervisors and admins also the
 * {@code *_for_supervisor} shadows. Runs on the connection's lane, so events reach the client in stored order.
 */
final class LiveChatSession implements HubSession {

    private final SocketIoClient client;
    private final AuthenticatedUser me;
    private final LiveChatServices services;
    private final LiveChatPayloads payloads;
    private HubConnection connection;
    /** A visitor's open chat, null when it has none. */
    private volatile Long chatId;
    /**
     * Presence notices that reached a staff session before its {@code staff_init} (its own arrival among them: the
     * presence task runs before the init's query returns); sent right after it, as seed 004 has {@code staff_init}
     * first. Guarded by {@code this}.
     */
    private List<Runnable> beforeInit = new ArrayList<>();

    LiveChatSession(SocketIoClient client, LiveChatServices services) {
        this.client = client;
        this.me = client.user();
        this.services = services;
        this.payloads = services.payloads();
    }

    AuthenticatedUser user() {
        return me;
    }

    HubConnection connection() {
        return connection;
    }

    Long chatId() {
        return chatId;
    }

    void chatId(Long id) {
        this.chatId = id;
    }

    boolean isVisitor() {
        return me.role() == Role.VISITOR;
    }

    @Override
    public String tenant() {
        return me.tenant();
    }

    @Override
    public String userId() {
        return me.userId();
    }

    // --- connect ---------------------------------------------------------------------------------------------

    void openAsStaff() {
        connection = services.hub().open(this);
        Map<String, Object> staff = payloads.staff(me);
        connection.enter(staffRoom(me.tenant()), payloads.write(staff), (online, cameOnline) -> {
            online.forEach((user, profile) -> services.directory().rememberProfile(me.tenant(), user, profile));
            if (!cameOnline) {
                client.emit("staff_already_online", Map.of("staff", staff));
            }
        });
        connection.observe(visitorsRoom(me.tenant()));
        connection.observe(typingRoom(me.tenant()));
        connection.run(this::staffInit);
        connection.watch(io.switchboard.api.conversation.ConversationKind.LIVE_CHAT);
    }

    void openAsVisitor() {
        connection = services.hub().open(this);
        connection.enter(visitorsRoom(me.tenant()), payloads.write(payloads.visitor(me, 0, null)),
                (online, cameOnline) -> {
                    if (!cameOnline) {
                        // Seed 004: one session per visitor; the new one is told and let go.
                        visitorRoomExists();
                    }
                }, false);
        connection.observe(typingRoom(me.tenant()));
        connection.run(() -> services.openChatOf(me.tenant(), me.userId()).<Void>thenCompose(open -> {
            if (open.isEmpty() || !client.isConnected()) {
                return DONE;
            }
            long id = open.get();
            chatId = id;
            connection.subscribe(id);
            services.send(new MarkVisitorOnline(id, me), me);
            return visitorInit(id);
        }));
    }

    private void visitorRoomExists() {
        connection.run(() -> services.openChatOf(me.tenant(), me.userId()).thenAccept(open -> {
            Map<String, Object> visitor = payloads.visitor(me, 0, null);
            Object staff = 0; // seed 004: "This will be `0` if no staffs have claimed the chat"
            if (open.isPresent()) {
                LiveChatDirectory.Chat chat = services.directory().chat(open.get(), me.tenant()).orElse(null);
                if (chat != null && chat.servingStaffId != null) {
                    staff = staffObject(chat.servingStaffId, chat);
                }
            }
            visitor.put("staff", staff);
            client.emit("visitor_room_exists", Map.of("visitor", visitor));
            client.disconnect();
        }));
    }

    private CompletionStage<?> staffInit() {
        Map<String, String> staffOnline = services.hub().online(staffRoom(me.tenant()));
        Map<String, String> visitorsOnline = services.hub().online(visitorsRoom(me.tenant()));
        return services.queries().query(new FindLiveChatQueue(me.tenant()), LiveChatQueue.class).thenAccept(queue -> {
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("online_users", staffOnline.entrySet().stream()
                    .map(entry -> (Object) payloads.staff(me.tenant(), entry.getKey(), null, null, entry.getValue()))
                    .toList());
            init.put("online_visitors", visitorsOnline.entrySet().stream()
                    .map(entry -> {
                        Map<String, Object> profile = payloads.parse(entry.getValue());
                        return (Object) (profile != null ? profile
                                : payloads.visitor(entry.getKey(), entry.getKey(), null, 0, null));
                    }).toList());
            init.put("unclaimed_chats", queue.unclaimed().stream().map(queued -> (Object) Map.of(
                    "visitor", visitor(queued.chat()),
                    "contents", queued.messages().stream().map(this::contentOf).toList())).toList());
            init.put("offline_unclaimed_chats", queue.offlineUnclaimed().stream().map(this::visitor).toList());
            init.put("flagged_chats", queue.flagged().stream().map(this::visitor).toList());
            client.emit("staff_init", init);
        }).whenComplete((done, failure) -> releaseHeldPresence());
    }

    /** After {@code staff_init} (or its failure: nothing stays held), presence notices go out as they come. */
    private void releaseHeldPresence() {
        // under the lock, so a notice arriving meanwhile cannot overtake the held ones (emitting only queues)
        synchronized (this) {
            if (beforeInit != null) {
                beforeInit.forEach(Runnable::run);
                beforeInit = null;
            }
        }
    }

    private CompletionStage<Void> visitorInit(long id) {
        return services.history(me.tenant(), id).thenAccept(messages -> {
            LiveChatDirectory.Chat chat = services.directory().chat(id, me.tenant()).orElse(null);
            Map<String, Object> init = new LinkedHashMap<>();
            init.put("staff", chat == null || chat.servingStaffId == null ? null
                    : staffObject(chat.servingStaffId, chat));
            init.put("content", messages.stream().map(message -> (Object) payloads.message(message,
                    message.senderRole() == Role.VISITOR ? null
                            : staff(message.senderId(), message.senderName(), message.senderRole()))).toList());
            client.emit("visitor_init", init);
        });
    }

    // --- a visitor's own chat ----------------------------------------------------------------------------------

    @Override
    public CompletionStage<?> onMessage(MessageSent message) {
        if (isVisitor() && message.senderRole() != Role.VISITOR) {
            client.emit("staff_send", Map.of("staff", staff(message.senderId(), message.senderName(),
                    message.senderRole()), "content", payloads.content(message)));
        }
        return DONE;
    }

    @Override
    public CompletionStage<?> onSubscribedEvent(Object event) {
        LiveChatDirectory.Chat chat = services.directory().at(event);
        if (!isVisitor() || chat == null) {
            return DONE;
        }
        if (event instanceof ChatClaimed claimed) {
            client.emit("staff_join_room", Map.of("staff", staff(claimed.staffId(), claimed.staffName(),
                    claimed.staffRole())));
        } else if (event instanceof ChatTakenOver takenOver) {
            client.emit("staff_being_taken_over_chat", Map.of("staff", staff(takenOver.supervisorId(),
                    takenOver.supervisorName(), takenOver.supervisorRole()), "visitor", visitor(chat)));
        } else if (event instanceof StaffAddedToChat added) {
            client.emit("staff_being_added_to_chat", Map.of("staff", staff(added.staffId(), added.staffName(),
                    added.staffRole())));
        } else if (event instanceof StaffRemovedFromChat removed) {
            client.emit("staff_being_removed_from_chat", Map.of("staff", staff(removed.staffId(), null, null)));
        } else if (event instanceof ChatClosed closed) {
            if (closed.reason() == ChatClosed.Reason.STAFF_LEFT) {
                client.emit("staff_leave", Map.of("staff", staff(closed.closedBy(), null, closed.closedByRole())));
            }
            if (Objects.equals(chatId, closed.conversationId())) {
                chatId = null;
            }
        }
        return DONE;
    }

    // --- staff: the organisation's queue and their chats ------------------------------------------------------

    @Override
    public CompletionStage<?> onWatchedEvent(Object event) {
        if (isVisitor()) {
            return DONE;
        }
        LiveChatDirectory.Chat chat = services.directory().at(event);
        if (chat == null) {
            return DONE;
        }
        boolean supervisor = me.role().isSupervisor();
        Map<String, Object> visitor = payloads.visitor(chat);
        if (event instanceof MessageSent message) {
            return message(message, chat, visitor, supervisor);
        }
        if (event instanceof ChatClaimed claimed) {
            Map<String, Object> staff = staff(claimed.staffId(), claimed.staffName(), claimed.staffRole());
            CompletableFuture<Object> next = services.directory().nextOfflineVisitor(claimed, chat, payloads);
            CompletionStage<?> done = next.thenAccept(offline -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("staff", staff);
                data.put("visitor", visitor);
                data.put("next_offline_unclaimed_visitor", offline);
                client.emit("staff_claim_chat", data);
            });
            if (supervisor) {
                done = done.thenCompose(v -> services.history(me.tenant(), chat.conversationId, chat.lastSequence))
                        .thenAccept(messages -> client.emit("agent_new_chat", Map.of("staff", staff,
                                "visitor", visitor, "contents", messages.stream().map(m -> (Object) payloads
                                        .message(m, m.senderRole() == Role.VISITOR ? null
                                                : staff(m.senderId(), m.senderName(), m.senderRole()))).toList())));
            }
            return done;
        }
        if (event instanceof ChatTakenOver takenOver) {
            Map<String, Object> staff = staff(takenOver.supervisorId(), takenOver.supervisorName(),
                    takenOver.supervisorRole());
            if (me.userId().equals(takenOver.replacedStaffId())) {
                client.emit("staff_being_taken_over_chat", Map.of("staff", staff, "visitor", visitor));
            }
            if (supervisor) {
                client.emit("staff_take_over_chat", Map.of("staff", staff, "visitor", visitor));
            }
        } else if (event instanceof StaffAddedToChat added) {
            if (chat.hasStaff(me.userId())) {
                client.emit("staff_being_added_to_chat", Map.of("staff", staff(added.staffId(), added.staffName(),
                        added.staffRole())));
            }
        } else if (event instanceof StaffRemovedFromChat removed) {
            if (chat.hasStaff(me.userId()) || me.userId().equals(removed.staffId())) {
                client.emit("staff_being_removed_from_chat", Map.of("staff", staff(removed.staffId(), null, null)));
            }
        } else if (event instanceof ParticipantLeft left) {
            if (supervisor && left.role().isStaff() && chat.leftOnItsOwn) {
                client.emit("staff_leave_chat_for_supervisor", Map.of("staff", staff(left.userId(), null,
                        left.role()), "visitor", visitor));
            }
        } else if (event instanceof ChatPriorityChanged priority) {
            if (supervisor) {
                client.emit("chat_has_changed_priority_for_supervisor", Map.of("staff",
                        staff(priority.changedBy(), null, null), "visitor", visitor));
            }
        } else if (event instanceof ChatClosed closed) {
            if (closed.reason() == ChatClosed.Reason.VISITOR_LEFT) {
                client.emit("visitor_leave_queue", Map.of("user", visitor));
                if (supervisor) {
                    client.emit("visitor_leave_chat_for_supervisor", Map.of("visitor", visitor));
                }
            }
        } else if (event instanceof VisitorWentOffline) {
            if (chat.status == LiveChatStatus.QUEUED) {
                client.emit("unclaimed_chat_to_offline", Map.of("visitor", visitor));
            }
        } else if (event instanceof VisitorWentOnline) {
            if (chat.status == LiveChatStatus.QUEUED) {
                client.emit("remove_visitor_offline_chat", Map.of("visitor", visitor));
                return services.history(me.tenant(), chat.conversationId, chat.lastSequence).thenAccept(messages ->
                        client.emit("append_unclaimed_chats", Map.of("visitor", visitor,
                                "contents", messages.stream().map(this::contentOf).toList())));
            }
        }
        return DONE;
    }

    private CompletionStage<?> message(MessageSent message, LiveChatDirectory.Chat chat, Map<String, Object> visitor,
                                       boolean supervisor) {
        Map<String, Object> content = payloads.content(message);
        if (message.senderRole() == Role.VISITOR) {
            if (message.sequence() == 1) {
                client.emit("append_unclaimed_chats", Map.of("visitor", visitor, "contents", List.of(content)));
            } else if (chat.status == LiveChatStatus.QUEUED) {
                client.emit("visitor_unclaimed_msg", Map.of("visitor", visitor, "content", content));
            } else if (chat.hasStaff(me.userId())) {
                client.emit("visitor_send", Map.of("visitor", visitor, "content", content));
            }
            if (supervisor) {
                client.emit("new_visitor_msg_for_supervisor", Map.of("visitor", visitor, "content", content));
            }
        } else if (supervisor) {
            client.emit("new_staff_msg_for_supervisor", Map.of("staff", staff(message.senderId(),
                    message.senderName(), message.senderRole()), "content", content, "visitor", visitor));
        }
        return DONE;
    }

    // --- presence and typing -------------------------------------------------------------------------------------

    @Override
    public void onPresence(Room room, String userId, boolean online, String profile) {
        services.directory().rememberProfile(me.tenant(), userId, profile);
        if (isVisitor()) {
            return;
        }
        String known = profile != null ? profile : services.directory().profile(me.tenant(), userId);
        if (room.equals(visitorsRoom(me.tenant()))) {
            Map<String, Object> visitor = payloads.parse(known);
            client.emit(online ? "visitor_goes_online" : "visitor_goes_offline", Map.of("visitor",
                    visitor != null ? visitor : payloads.visitor(userId, userId, null, 0, null)));
        } else if (room.equals(staffRoom(me.tenant()))) {
            Runnable notice = () -> client.emit(online ? "staff_goes_online" : "staff_goes_offline", Map.of("staff",
                    payloads.staff(me.tenant(), userId, null, null, known)));
            synchronized (this) {
                if (beforeInit != null) {
                    beforeInit.add(notice);
                    return;
                }
            }
            notice.run();
        }
    }

    @Override
    public void onSignal(Room room, String userId, String signal, boolean active) {
        if (userId.equals(me.userId()) || !signal.startsWith("typing:")) {
            return;
        }
        long conversationId;
        try {
            conversationId = Long.parseLong(signal.substring("typing:".length()));
        } catch (NumberFormatException e) {
            return;
        }
        LiveChatDirectory.Chat chat = services.directory().chat(conversationId, me.tenant()).orElse(null);
        if (chat == null) {
            return;
        }
        boolean mine = isVisitor() ? Objects.equals(chatId, conversationId) : chat.hasStaff(me.userId());
        if (mine) {
            client.emit(active ? "user_typing_receive" : "user_stop_typing_receive",
                    Map.of("visitor", payloads.visitor(chat)));
        }
    }

    @Override
    public void onOverflow() {
        client.disconnect();
    }

    // --- rendering helpers -----------------------------------------------------------------------------------

    private Map<String, Object> staff(String userId, String name, Role role) {
        return payloads.staff(me.tenant(), userId, name, role, services.directory().profile(me.tenant(), userId));
    }

    private Map<String, Object> staffObject(String userId, LiveChatDirectory.Chat chat) {
        var member = chat.staff.get(userId);
        return staff(userId, member == null ? null : member.name(), member == null ? null : member.role());
    }

    private Map<String, Object> visitor(LiveChatView chat) {
        return payloads.visitor(chat.visitorId(), chat.visitorName(), chat.visitorEmail(), chat.severityLevel(),
                chat.startedAt());
    }

    private Map<String, Object> visitor(LiveChatDirectory.Chat chat) {
        return chat == null ? null : payloads.visitor(chat);
    }

    private Object contentOf(MessageView message) {
        return payloads.content(message.content(), message.sentAt());
    }
}
