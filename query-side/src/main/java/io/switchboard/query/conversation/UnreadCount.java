package io.switchboard.query.conversation;

/** Unread messages of one conversation for one reader, as counted by {@link MessageRowRepository}. */
record UnreadCount(long conversationId, long unread) {
}
