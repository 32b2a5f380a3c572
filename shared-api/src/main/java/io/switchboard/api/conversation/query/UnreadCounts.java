package io.switchboard.api.conversation.query;

import java.util.Map;

/** @param byConversation only conversations with at least one unread message */
public record UnreadCounts(Map<Long, Long> byConversation, long total) {
}
