package io.switchboard.query.audit;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a conversation's events, in order, into its {@link ConversationState} — the same rules the read-model
 * projections apply (ConversationProjection, ParticipantProjection, ReadMarkerProjection, MessageProjection,
 * LiveChatProjection), but over one conversation's own history and stopping at any instant. Not thread-safe: one
 * replay per request.
 */
final class ConversationReplay {

    private long conversationId;
    private String tenant;
    private ConversationKind kind;
    private String subject;
    private String subjectReference;
    private Instant createdAt;
    private Instant updatedAt;
    private long lastSequence;
    private long eventCount;
    private long lastEventSequence = -1;
    private String headHash;
    /** Keyed by user, in first-join order (the read model's row order); a rejoin keeps the place. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Marker> markers = new LinkedHashMap<>();
    private final List<MessageView> messages = new ArrayList<>();
    private LiveChat liveChat;

    private static final class Member {
        final String userId;
        final int joinOrder;
        String name;
        Role role;
        Instant joinedAt;
        boolean active = true;

        Member(String userId, int joinOrder, String name, Role role, Instant joinedAt) {
            this.userId = userId;
            this.joinOrder = joinOrder;
            this.name = name;
            this.role = role;
            this.joinedAt = joinedAt;
        }

        ParticipantView view() {
            return new ParticipantView(userId, name, role, joinedAt, active);
        }
    }

    private record Marker(Role role, long upTo, Instant readAt) {
    }

    private static final class LiveChat {
        LiveChatStatus status = LiveChatStatus.QUEUED;
        boolean visitorOnline = true;
        int severityLevel;
        Instant flaggedAt;
        String servingStaffId;
        Instant updatedAt;

        void touch(Instant at) {
            if (at != null && at.isAfter(updatedAt)) {
                updatedAt = at;
            }
        }
    }

    /** Applies every event stamped at or before {@code at} (all of them when null), then answers the state. */
    static ConversationState replay(List<AuditedEvent> events, Instant at) {
        ConversationReplay replay = new ConversationReplay();
        for (AuditedEvent event : events) {
            if (at != null && event.timestamp().isAfter(at)) {
                break;
            }
            replay.apply(event);
        }
        return replay.kind == null ? null : replay.state(at);
    }

    private void apply(AuditedEvent event) {
        eventCount++;
        lastEventSequence = event.sequence();
        headHash = event.hash();
        Object payload = event.payload();
        if (payload instanceof ConversationStarted started) {
            started(started);
        } else if (payload instanceof MessageSent sent) {
            sent(sent);
        } else if (payload instanceof ParticipantJoined joined) {
            join(joined.userId(), joined.name(), joined.role(), joined.joinedAt());
            touch(joined.joinedAt());
            touchLiveChat(joined.joinedAt());
        } else if (payload instanceof ParticipantLeft left) {
            left(left);
        } else if (payload instanceof ConversationRead read) {
            Marker marker = markers.get(read.readerId());
            if (marker == null || read.upToSequence() > marker.upTo()) {
                markers.put(read.readerId(), new Marker(read.readerRole(), read.upToSequence(), read.readAt()));
            }
        } else if (payload instanceof ChatClaimed claimed) {
            serve(claimed.staffId(), claimed.claimedAt());
        } else if (payload instanceof ChatTakenOver takenOver) {
            serve(takenOver.supervisorId(), takenOver.takenOverAt());
        } else if (payload instanceof StaffAddedToChat added) {
            touchLiveChat(added.addedAt());
        } else if (payload instanceof StaffRemovedFromChat removed) {
            touchLiveChat(removed.removedAt());
        } else if (payload instanceof ChatPriorityChanged changed) {
            priority(changed);
        } else if (payload instanceof VisitorWentOffline offline) {
            visitorPresence(false, offline.at());
        } else if (payload instanceof VisitorWentOnline online) {
            visitorPresence(true, online.at());
        } else if (payload instanceof ChatClosed closed) {
            if (openLiveChat()) {
                liveChat.status = LiveChatStatus.CLOSED;
                liveChat.touch(closed.closedAt());
            }
        }
        // RobotMessageShared changes no read model: the shared copy arrives as its own MessageSent
    }

    private void started(ConversationStarted event) {
        conversationId = event.conversationId();
        tenant = event.tenant();
        kind = event.kind();
        subject = event.subject();
        subjectReference = event.subjectReference();
        createdAt = event.startedAt();
        updatedAt = event.startedAt();
        for (Participant participant : event.participants()) {
            join(participant.userId(), participant.name(), participant.role(), event.startedAt());
        }
        if (kind == ConversationKind.LIVE_CHAT) {
            liveChat = new LiveChat();
            liveChat.updatedAt = event.startedAt();
        }
    }

    private void sent(MessageSent event) {
        if (event.sequence() <= lastSequence) {
            return;
        }
        lastSequence = event.sequence();
        touch(event.sentAt());
        messages.add(new MessageView(event.messageId(), event.conversationId(), event.sequence(), event.senderId(),
                event.senderName(), event.senderRole(), event.type(), event.text(), event.content(),
                event.attachments() == null ? List.of() : event.attachments(), event.clientMessageId(),
                event.sentAt()));
        // participants added by id only are named by their first message
        Member sender = event.senderId() == null ? null : members.get(event.senderId());
        if (sender != null && sender.name == null && event.senderName() != null) {
            sender.name = event.senderName();
        }
    }

    private void join(String userId, String name, Role role, Instant at) {
        Member member = members.get(userId);
        if (member == null) {
            members.put(userId, new Member(userId, members.size(), name, role, at));
        } else if (!member.active) {
            member.name = name;
            member.role = role;
            member.joinedAt = at;
            member.active = true;
        }
    }

    /** As the live-chat projection: a serving staff member who leaves is succeeded by the first-joined remaining staff. */
    private void left(ParticipantLeft event) {
        touch(event.leftAt());
        if (openLiveChat()) {
            if (event.userId().equals(liveChat.servingStaffId)) {
                members.values().stream()
                        .filter(member -> member.active && member.role != null && member.role.isStaff()
                                && !member.userId.equals(event.userId()))
                        .min(Comparator.comparing((Member member) -> member.joinedAt)
                                .thenComparingInt(member -> member.joinOrder))
                        .ifPresent(successor -> liveChat.servingStaffId = successor.userId);
            }
            liveChat.touch(event.leftAt());
        }
        Member member = members.get(event.userId());
        if (member != null) {
            member.active = false;
        }
    }

    private void serve(String staffId, Instant at) {
        if (openLiveChat()) {
            liveChat.status = LiveChatStatus.ASSIGNED;
            liveChat.servingStaffId = staffId;
            liveChat.touch(at);
        }
    }

    private void priority(ChatPriorityChanged event) {
        if (!openLiveChat()) {
            return;
        }
        if (event.severityLevel() <= 0) {
            liveChat.flaggedAt = null;
        } else if (liveChat.flaggedAt == null) {
            liveChat.flaggedAt = event.changedAt();
        }
        liveChat.severityLevel = Math.max(event.severityLevel(), 0);
        liveChat.touch(event.changedAt());
    }

    private void visitorPresence(boolean online, Instant at) {
        if (openLiveChat()) {
            liveChat.visitorOnline = online;
            liveChat.touch(at);
        }
    }

    private boolean openLiveChat() {
        return liveChat != null && liveChat.status != LiveChatStatus.CLOSED;
    }

    private void touchLiveChat(Instant at) {
        if (openLiveChat()) {
            liveChat.touch(at);
        }
    }

    private void touch(Instant at) {
        if (at != null && updatedAt != null && at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    private ConversationState state(Instant at) {
        List<ParticipantView> participants = members.values().stream().map(Member::view).toList();
        Map<String, Role> readers = new LinkedHashMap<>();
        members.values().forEach(member -> readers.put(member.userId, member.role));
        markers.forEach((userId, marker) -> readers.putIfAbsent(userId, marker.role()));
        List<ConversationState.ReadPosition> positions = new ArrayList<>();
        readers.forEach((userId, role) -> {
            Marker marker = markers.get(userId);
            long upTo = marker == null ? 0 : marker.upTo();
            long unread = messages.stream()
                    .filter(message -> message.senderId() == null || !message.senderId().equals(userId))
                    .filter(message -> message.sequence() > upTo)
                    .count();
            positions.add(new ConversationState.ReadPosition(userId, marker == null ? role : marker.role(), upTo,
                    marker == null ? null : marker.readAt(), unread));
        });
        boolean active = members.values().stream().anyMatch(member -> member.active);
        return new ConversationState(conversationId, tenant, kind, subject, subjectReference, at, active, createdAt,
                updatedAt, messages.size(), lastSequence, eventCount, lastEventSequence, headHash, participants,
                positions, liveChatState(), List.copyOf(messages));
    }

    private ConversationState.LiveChatState liveChatState() {
        if (liveChat == null) {
            return null;
        }
        Member serving = liveChat.servingStaffId == null ? null : members.get(liveChat.servingStaffId);
        String servingId = liveChat.servingStaffId;
        List<ParticipantView> staff = members.values().stream()
                .filter(member -> member.active && member.role != null && member.role.isStaff())
                .sorted(Comparator.comparing((Member member) -> !member.userId.equals(servingId))
                        .thenComparing(member -> member.joinedAt))
                .map(Member::view)
                .toList();
        // as the read model: a serving staff member not (yet) a participant is known by id alone
        ParticipantView servingView = servingId == null ? null
                : serving == null ? new ParticipantView(servingId, null, null, null, false) : serving.view();
        return new ConversationState.LiveChatState(liveChat.status, liveChat.visitorOnline, liveChat.severityLevel,
                liveChat.flaggedAt, servingView, staff, liveChat.updatedAt);
    }
}
