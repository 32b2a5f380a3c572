package io.switchboard.query.conversation;

import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Answers message page and single message queries. */
@Component
class MessageQueryHandler {

    private static final MessagePage NOT_FOUND = new MessagePage(false, List.of(), false, List.of());

    private final ReadSnapshot snapshot;
    private final ConversationRowRepository conversations;
    private final MessageRowRepository messages;
    private final ReadMarkerRowRepository markers;

    MessageQueryHandler(ReadSnapshot snapshot, ConversationRowRepository conversations, MessageRowRepository messages,
                        ReadMarkerRowRepository markers) {
        this.snapshot = snapshot;
        this.conversations = conversations;
        this.messages = messages;
        this.markers = markers;
    }

    /** @throws IllegalArgumentException when more than one cursor is set: the adapter must pick one */
    @QueryHandler
    MessagePage handle(FindMessages query) {
        long cursors = Stream.of(query.beforeSequence(), query.beforeMessageId(), query.afterSequence(), query.offset())
                .filter(Objects::nonNull).count();
        if (cursors > 1) {
            throw new IllegalArgumentException("FindMessages takes at most one cursor, got " + cursors);
        }
        return snapshot.read(() -> conversations.findByIdAndTenant(query.conversationId(), query.tenant())
                .map(conversation -> page(query))
                .orElse(NOT_FOUND));
    }

    @QueryHandler
    Optional<MessageView> handle(FindMessage query) {
        return messages.findByMessageIdAndTenant(query.messageId(), query.tenant()).map(MessageRow::toView);
    }

    private MessagePage page(FindMessages query) {
        List<MessageRow> page = newestFirst(query, PageLimits.limit(query.limit()));
        boolean hasMore = !page.isEmpty() && messages.existsByConversationIdAndSequenceLessThan(
                query.conversationId(), page.get(page.size() - 1).sequence());
        return new MessagePage(true, page.stream().map(MessageRow::toView).toList(), hasMore,
                markers.findByConversationIdOrderByUserIdAsc(query.conversationId()).stream()
                        .map(ReadMarkerRow::toView).toList());
    }

    private List<MessageRow> newestFirst(FindMessages query, int limit) {
        long conversationId = query.conversationId();
        if (query.afterSequence() != null) {
            List<MessageRow> oldestFirst = new ArrayList<>(messages.findNewer(conversationId, query.afterSequence(),
                    limit));
            Collections.reverse(oldestFirst);
            return oldestFirst;
        }
        if (query.beforeMessageId() != null) {
            // a message of another conversation is no position in this one: nothing is before it
            return messages.findSequence(conversationId, query.beforeMessageId())
                    .map(sequence -> messages.findOlder(conversationId, sequence, 0, limit))
                    .orElse(List.of());
        }
        long before = query.beforeSequence() == null ? Long.MAX_VALUE : query.beforeSequence();
        return messages.findOlder(conversationId, before, PageLimits.offset(query.offset()), limit);
    }
}
