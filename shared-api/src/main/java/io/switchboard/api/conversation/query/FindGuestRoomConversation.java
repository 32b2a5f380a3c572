package io.switchboard.api.conversation.query;

/**
 * The {@code GUEST_ROOM} conversation of one room booking (subject = room, subject reference = booking), as
 * {@code Optional<ConversationSummary>}; empty until the read model has the thread. Its unread count is 0: the query
 * names no viewer.
 */
public record FindGuestRoomConversation(String tenant, String room, String booking) {
}
