package io.switchboard.realtime.direct;

/** The three sockets of seed 002. */
enum DirectEndpoint {
    /** {@code /ws/{username}/}: the direct chat with that user. */
    CHAT,
    /** {@code /ws/notifications/{username}/}: unread count and new messages of the chat with that user. */
    CONVERSATION_NOTIFICATIONS,
    /** {@code /ws/notifications/}: totals across all of the caller's direct chats. */
    ALL_NOTIFICATIONS
}
