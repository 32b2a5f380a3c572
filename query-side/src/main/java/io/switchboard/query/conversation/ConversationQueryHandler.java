package io.switchboard.query.conversation;

import io.switchboard.api.conversation.query.ConversationList;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindGuestRoomConversation;
import io.switchboard.api.conversation.query.FindReadStates;
import io.switchboard.api.conversation.query.FindUnreadCounts;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.conversation.query.ReadStates;
import io.switchboard.api.conversation.query.UnreadCounts;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Answers conversation list, single conversation (by id or by guest room booking), unread count and read state queries. */
@Component
class ConversationQueryHandler {

    private final ReadSnapshot snapshot;
    private final ConversationRowRepository conversations;
    private final ParticipantRowRepository participants;
    private final MessageRowRepository messages;

    ConversationQueryHandler(ReadSnapshot snapshot, ConversationRowRepository conversations,
                             ParticipantRowRepository participants, MessageRowRepository messages) {
        this.snapshot = snapshot;
        this.conversations = conversations;
        this.participants = participants;
        this.messages = messages;
    }

    @QueryHandler
    ConversationList handle(FindConversations query) {
        return snapshot.read(() -> new ConversationList(summaries(conversations.findPage(query.tenant(),
                query.kind(), query.viewerId(), query.participatingOnly(), PageLimits.limit(query.limit()),
                PageLimits.offset(query.offset())), query.viewerId())));
    }

    @QueryHandler
    Optional<ConversationSummary> handle(FindConversation query) {
        return summary(() -> conversations.findByIdAndTenant(query.conversationId(), query.tenant()),
                query.viewerId());
    }

    /** Without a viewer, so the summary's unread count is 0. */
    @QueryHandler
    Optional<ConversationSummary> handle(FindGuestRoomConversation query) {
        return summary(() -> conversations.findGuestRoom(query.tenant(), query.room(), query.booking()), null);
    }

    @QueryHandler
    UnreadCounts handle(FindUnreadCounts query) {
        Map<Long, Long> byConversation = messages.countUnreadOfParticipant(query.tenant(), query.userId(), query.kind())
                .stream()
                .collect(Collectors.toMap(UnreadCount::conversationId, UnreadCount::unread, Long::sum, TreeMap::new));
        long total = byConversation.values().stream().mapToLong(Long::longValue).sum();
        return new UnreadCounts(byConversation, total);
    }

    @QueryHandler
    ReadStates handle(FindReadStates query) {
        return new ReadStates(snapshot.read(() -> conversations.findReadStates(query.tenant(), query.readerId(),
                query.kind(), query.conversationId())));
    }

    private Optional<ConversationSummary> summary(Supplier<Optional<ConversationRow>> row, String viewerId) {
        return snapshot.read(() -> row.get().map(found -> summaries(List.of(found), viewerId).get(0)));
    }

    /** A fixed number of queries for the whole page, however many rows it has. */
    private List<ConversationSummary> summaries(List<ConversationRow> rows, String viewerId) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(ConversationRow::id).toList();
        Map<Long, List<ParticipantView>> participantsByConversation = participants
                .findByConversationIdInOrderByIdAsc(ids).stream()
                .collect(Collectors.groupingBy(ParticipantRow::conversationId,
                        Collectors.mapping(ParticipantRow::toView, Collectors.toList())));
        Map<Long, MessageView> lastMessages = messages
                .findAllById(rows.stream().map(ConversationRow::lastMessageId).filter(Objects::nonNull).toList())
                .stream()
                .collect(Collectors.toMap(MessageRow::messageId, MessageRow::toView));
        Map<Long, Long> unread = viewerId == null ? Map.of() : messages.countUnread(ids, viewerId).stream()
                .collect(Collectors.toMap(UnreadCount::conversationId, UnreadCount::unread));
        return rows.stream().map(row -> row.toSummary(
                participantsByConversation.getOrDefault(row.id(), List.of()),
                row.lastMessageId() == null ? null : lastMessages.get(row.lastMessageId()),
                unread.getOrDefault(row.id(), 0L))).toList();
    }
}
