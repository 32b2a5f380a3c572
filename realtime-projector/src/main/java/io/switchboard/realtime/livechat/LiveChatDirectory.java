package io.switchboard.realtime.livechat;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.FindLiveChatQueue;
import io.switchboard.api.livechat.LiveChatQueue;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import io.switchboard.realtime.hub.ConversationEvents;
import io.switchboard.realtime.hub.Hub;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;

/**
 * This node's picture of the live chats it has heard of: who the visitor is, who serves, severity, online. Kept from
 * the hub's stream of stored events (on the hub's thread, before any connection is given the event, so a connection
 * rendering an event sees at least that event's state) and read from the read model for chats older than the node.
 */
final class LiveChatDirectory {

    /** Mutable, guarded by the directory's lock; connections read copies ({@link #chat}). */
    static final class Chat {
        final long conversationId;
        final String tenant;
        final String visitorId;
        final String visitorName;
        final String visitorEmail;
        final Instant startedAt;
        LiveChatStatus status = LiveChatStatus.QUEUED;
        boolean visitorOnline = true;
        int severityLevel;
        /** The last message's sequence this node has seen (0 when unknown). */
        long lastSequence;
        String servingStaffId;
        /** Active staff by id, in joining order. */
        final Map<String, ParticipantView> staff = new LinkedHashMap<>();
        /** For a {@code ParticipantLeft}: the staff member left on their own (not taken over or removed). */
        boolean leftOnItsOwn;
        /** The previous event of this chat, to tell why a participant left. */
        Class<?> lastEvent;

        Chat(long conversationId, String tenant, String visitorId, String visitorName, String visitorEmail,
             Instant startedAt) {
            this.conversationId = conversationId;
            this.tenant = tenant;
            this.visitorId = visitorId;
            this.visitorName = visitorName;
            this.visitorEmail = visitorEmail;
            this.startedAt = startedAt;
        }

        Chat copy() {
            Chat copy = new Chat(conversationId, tenant, visitorId, visitorName, visitorEmail, startedAt);
            copy.status = status;
            copy.visitorOnline = visitorOnline;
            copy.severityLevel = severityLevel;
            copy.lastSequence = lastSequence;
            copy.servingStaffId = servingStaffId;
            copy.staff.putAll(staff);
            copy.leftOnItsOwn = leftOnItsOwn;
            return copy;
        }

        boolean hasStaff(String userId) {
            return staff.containsKey(userId);
        }

        List<String> staffIds() {
            return new ArrayList<>(staff.keySet());
        }
    }

    private static final int REMEMBERED = 100_000;

    private final Hub hub;
    private final QueryGateway queries;
    private final Map<Long, Chat> chats = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Chat> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** The chat as it was right after each event, for the connections rendering that event (weak: gone with it). */
    private final Map<Object, Chat> atEvent = Collections.synchronizedMap(new WeakHashMap<>());
    /** {@code next_offline_unclaimed_visitor} of a claim, computed once for all connections. */
    private final Map<Object, CompletableFuture<Object>> nextOffline = Collections.synchronizedMap(new WeakHashMap<>());
    /** Profiles seen in presence, by tenant + user id: what a user looked like when it was last online. */
    private final Map<String, String> profiles = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    LiveChatDirectory(Hub hub, QueryGateway queries) {
        this.hub = hub;
        this.queries = queries;
        hub.listen(ConversationKind.LIVE_CHAT, this::stored);
    }

    synchronized Optional<Chat> chat(long conversationId, String tenant) {
        Chat chat = chats.get(conversationId);
        if (chat == null) {
            chat = load(conversationId, tenant);
        }
        return Optional.ofNullable(chat).filter(found -> found.tenant.equals(tenant)).map(Chat::copy);
    }

    /** Open chats this node knows the staff member is in (chats it has seen since it started, or loaded). */
    synchronized List<Long> openChatsOf(String tenant, String staffId) {
        return chats.values().stream()
                .filter(chat -> chat.tenant.equals(tenant) && chat.status != LiveChatStatus.CLOSED
                        && chat.hasStaff(staffId))
                .map(chat -> chat.conversationId).toList();
    }

    void rememberProfile(String tenant, String userId, String profile) {
        if (profile != null) {
            profiles.put(tenant + '\0' + userId, profile);
        }
    }

    String profile(String tenant, String userId) {
        return profiles.get(tenant + '\0' + userId);
    }

    /** The chat as of just after {@code event} (null when it is not a live chat this node could find). */
    Chat at(Object event) {
        return atEvent.get(event);
    }

    /**
     * Seed 004's {@code next_offline_unclaimed_visitor} for a claim: null when the claimed chat's visitor is online,
     * else the oldest other chat in the offline queue (read once the read model no longer lists the claimed one).
     */
    CompletableFuture<Object> nextOfflineVisitor(ChatClaimed claimed, Chat chat, LiveChatPayloads payloads) {
        if (chat.visitorOnline) {
            return CompletableFuture.completedFuture(null);
        }
        return nextOffline.computeIfAbsent(claimed, key -> hub.freshReads().until(
                        () -> queries.query(new FindLiveChatQueue(chat.tenant), LiveChatQueue.class),
                        queue -> queue.offlineUnclaimed().stream()
                                .noneMatch(view -> view.conversationId() == chat.conversationId))
                .thenApply(queue -> queue.offlineUnclaimed().stream()
                        .filter(view -> view.conversationId() != chat.conversationId).findFirst()
                        .map(view -> (Object) payloads.visitor(view.visitorId(), view.visitorName(),
                                view.visitorEmail(), view.severityLevel(), view.startedAt()))
                        .orElse(null)));
    }

    private synchronized void stored(Object event) {
        Chat chat;
        if (event instanceof ConversationStarted started) {
            Participant visitor = started.participants().get(0);
            chat = new Chat(started.conversationId(), started.tenant(), visitor.userId(), visitor.name(),
                    started.subjectReference(), started.startedAt());
            chats.put(started.conversationId(), chat);
        } else {
            long conversationId = ConversationEvents.conversationId(event);
            chat = chats.get(conversationId);
            if (chat == null) {
                chat = load(conversationId, ConversationEvents.tenant(event)); // older than this node: as the read model has it
                if (chat == null) {
                    return;
                }
            } else {
                apply(chat, event);
            }
        }
        chat.leftOnItsOwn = event instanceof ParticipantLeft && chat.lastEvent != ChatTakenOver.class
                && chat.lastEvent != StaffRemovedFromChat.class;
        chat.lastEvent = event.getClass();
        atEvent.put(event, chat.copy());
    }

    private static void apply(Chat chat, Object event) {
        if (event instanceof MessageSent message) {
            chat.lastSequence = Math.max(chat.lastSequence, message.sequence());
        } else if (event instanceof ChatClaimed claimed) {
            chat.status = LiveChatStatus.ASSIGNED;
            chat.servingStaffId = claimed.staffId();
        } else if (event instanceof ChatTakenOver takenOver) {
            chat.servingStaffId = takenOver.supervisorId();
        } else if (event instanceof ParticipantJoined joined && joined.role().isStaff()) {
            chat.staff.put(joined.userId(),
                    new ParticipantView(joined.userId(), joined.name(), joined.role(), joined.joinedAt(), true));
        } else if (event instanceof ParticipantLeft left) {
            chat.staff.remove(left.userId());
            if (left.userId().equals(chat.servingStaffId)) {
                chat.servingStaffId = chat.staff.isEmpty() ? null : chat.staff.keySet().iterator().next();
            }
        } else if (event instanceof ChatPriorityChanged priority) {
            chat.severityLevel = priority.severityLevel();
        } else if (event instanceof ChatClosed) {
            chat.status = LiveChatStatus.CLOSED;
        } else if (event instanceof VisitorWentOffline) {
            chat.visitorOnline = false;
        } else if (event instanceof VisitorWentOnline) {
            chat.visitorOnline = true;
        }
    }

    private Chat load(long conversationId, String tenant) {
        Optional<LiveChatView> view = queries.query(new FindLiveChat(tenant, conversationId),
                ResponseTypes.optionalInstanceOf(LiveChatView.class)).join();
        return view.map(found -> {
            Chat chat = new Chat(found.conversationId(), found.tenant(), found.visitorId(), found.visitorName(),
                    found.visitorEmail(), found.startedAt());
            chat.status = found.status();
            chat.visitorOnline = found.visitorOnline();
            chat.severityLevel = found.severityLevel();
            chat.servingStaffId = found.servingStaff() == null ? null : found.servingStaff().userId();
            found.staff().forEach(member -> chat.staff.put(member.userId(), member));
            chats.put(conversationId, chat);
            return chat;
        }).orElse(null);
    }
}
