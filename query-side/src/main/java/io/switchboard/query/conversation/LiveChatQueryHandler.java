package io.switchboard.query.conversation;

import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.FindLiveChatQueue;
import io.switchboard.api.livechat.LiveChatQueue;
import io.switchboard.api.livechat.LiveChatView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Answers the live-chat queries of seed 004: the organisation's queue ({@code staff_init}) and one chat
 * ({@code visitor_init}, supervisors' views). Each answer is one snapshot ({@link ReadSnapshot}) and costs a fixed
 * number of statements however long the lists are: the queue five (three lists, the participants of all their
 * chats, the messages of all unclaimed chats), one chat two.
 */
@Component
class LiveChatQueryHandler {

    /**
     * Chats per queue list (online and offline unclaimed, each), the oldest. A staff member's screen cannot act on
     * more, and a backlog beyond it must not make every {@code staff_init} answer grow without end.
     */
    static final int QUEUE_LIMIT = 500;
    /**
     * Messages per unclaimed chat, the latest, oldest first: enough to judge a chat before claiming it, while a
     * visitor writing on and on in the queue cannot inflate every staff member's answer with their chat. Together
     * with {@link #QUEUE_LIMIT} an answer holds at most 25,000 messages.
     */
    static final int MESSAGES_PER_UNCLAIMED_CHAT = 50;

    /** By join time; the sort is stable, so equal times keep the participant rows' (first join) order. */
    private static final Comparator<ParticipantView> BY_JOIN = Comparator.comparing(ParticipantView::joinedAt,
            Comparator.nullsLast(Comparator.naturalOrder()));

    private final ReadSnapshot snapshot;
    private final LiveChatRowRepository chats;
    private final ParticipantRowRepository participants;
    private final MessageRowRepository messages;

    LiveChatQueryHandler(ReadSnapshot snapshot, LiveChatRowRepository chats, ParticipantRowRepository participants,
                         MessageRowRepository messages) {
        this.snapshot = snapshot;
        this.chats = chats;
        this.participants = participants;
        this.messages = messages;
    }

    /**
     * Unclaimed: queued chats whose visitor is online, oldest first (ties by id), at most {@link #QUEUE_LIMIT}, each
     * with its latest {@link #MESSAGES_PER_UNCLAIMED_CHAT} messages oldest first. Offline unclaimed: the same for
     * visitors offline, without messages. Flagged: open (queued or assigned) chats with severity above 0, most
     * recently flagged first (ties by higher id), at most {@link FindLiveChatQueue#FLAGGED_LIMIT}; a flagged queued
     * chat is in both lists.
     */
    @QueryHandler
    LiveChatQueue handle(FindLiveChatQueue query) {
        return snapshot.read(() -> {
            List<LiveChatRow> unclaimed = chats.findQueued(query.tenant(), true, QUEUE_LIMIT);
            List<LiveChatRow> offline = chats.findQueued(query.tenant(), false, QUEUE_LIMIT);
            List<LiveChatRow> flagged = chats.findFlagged(query.tenant(), FindLiveChatQueue.FLAGGED_LIMIT);
            Map<Long, LiveChatView> views = views(Stream.of(unclaimed, offline, flagged).flatMap(List::stream)
                    .toList());
            Map<Long, List<MessageView>> contents = latestMessages(unclaimed);
            return new LiveChatQueue(
                    unclaimed.stream().map(row -> new LiveChatQueue.QueuedChat(views.get(row.conversationId()),
                            contents.getOrDefault(row.conversationId(), List.of()))).toList(),
                    offline.stream().map(row -> views.get(row.conversationId())).toList(),
                    flagged.stream().map(row -> views.get(row.conversationId())).toList());
        });
    }

    /** Any status, closed included; empty for an unknown id, another tenant's, or a conversation of another kind. */
    @QueryHandler
    Optional<LiveChatView> handle(FindLiveChat query) {
        return snapshot.read(() -> chats.findByConversationIdAndTenant(query.conversationId(), query.tenant())
                .map(row -> views(List.of(row)).get(row.conversationId())));
    }

    /** By conversation id; one statement for the staff of all the chats. */
    private Map<Long, LiveChatView> views(Collection<LiveChatRow> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = rows.stream().map(LiveChatRow::conversationId).distinct().toList();
        Map<Long, List<ParticipantView>> participantsByChat = participants.findByConversationIdInOrderByIdAsc(ids)
                .stream()
                .collect(Collectors.groupingBy(ParticipantRow::conversationId,
                        Collectors.mapping(ParticipantRow::toView, Collectors.toList())));
        // a chat may be in two lists (queued and flagged): one view for both
        return rows.stream().collect(Collectors.toMap(LiveChatRow::conversationId,
                row -> view(row, participantsByChat.getOrDefault(row.conversationId(), List.of())),
                (first, second) -> first));
    }

    /**
     * Staff = the active staff-like participants ({@code Role.isStaff()}), the serving one first, then by join time.
     * The serving staff member is taken from the participant read model, active or not (a closed chat names who
     * served it last). Between the claim and the staff member's join being projected (a processor batch may end in
     * between) only their id is known: a view with the id alone, not active.
     */
    private static LiveChatView view(LiveChatRow row, List<ParticipantView> participants) {
        String servingId = row.servingStaffId();
        ParticipantView serving = servingId == null ? null : participants.stream()
                .filter(participant -> participant.userId().equals(servingId))
                .findFirst()
                .orElseGet(() -> new ParticipantView(servingId, null, null, null, false));
        List<ParticipantView> staff = participants.stream()
                .filter(participant -> participant.active() && participant.role() != null
                        && participant.role().isStaff())
                .sorted(Comparator.comparing((ParticipantView participant) -> !participant.userId().equals(servingId))
                        .thenComparing(BY_JOIN))
                .toList();
        return row.toView(serving, staff);
    }

    /** One statement for all the chats; oldest first within each. */
    private Map<Long, List<MessageView>> latestMessages(List<LiveChatRow> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        return messages.findLatestOfEach(rows.stream().map(LiveChatRow::conversationId).toList(),
                        MESSAGES_PER_UNCLAIMED_CHAT).stream()
                .map(MessageRow::toView)
                .collect(Collectors.groupingBy(MessageView::conversationId, Collectors.toList()));
    }
}
