package io.switchboard.query.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.query.ConversationSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * The hotel frontend's unread badge ({@code …/conversations/unread-count/}): the caller's unread messages in total and
 * per conversation, listing only conversations with something unread, most recent activity first.
 */
record UnreadCountJson(@JsonProperty("total_unread") long totalUnread, List<Entry> conversations) {

    record Entry(@JsonProperty("conversation_id") long conversationId,
                 @JsonProperty("unread_count") long unreadCount) {
    }

    /**
     * Pages through every conversation of the kind the caller sees (their unread counts come with each page), so the
     * total is over all of them, not the first page.
     */
    static UnreadCountJson of(PageSource source) {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        for (int offset = 0; ; offset += ConversationListing.MAX_LIMIT) {
            List<ConversationSummary> page = source.page(ConversationListing.of(ConversationListing.MAX_LIMIT, offset));
            for (ConversationSummary conversation : page) {
                if (conversation.unreadCount() > 0) {
                    entries.add(new Entry(conversation.conversationId(), conversation.unreadCount()));
                    total += conversation.unreadCount();
                }
            }
            if (page.size() < ConversationListing.MAX_LIMIT) {
                return new UnreadCountJson(total, entries);
            }
        }
    }

    interface PageSource {
        List<ConversationSummary> page(ConversationListing listing);
    }
}
