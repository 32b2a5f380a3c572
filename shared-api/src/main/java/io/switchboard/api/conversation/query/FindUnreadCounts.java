package io.switchboard.api.conversation.query;

import io.switchboard.api.conversation.ConversationKind;

/**
 * Unread messages per conversation the user participates in, and in total. Answered with {@link UnreadCounts}.
 *
 * @param kind null for every kind
 */
public record FindUnreadCounts(String tenant, String userId, ConversationKind kind) {
}
