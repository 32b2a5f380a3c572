package io.switchboard.api.livechat;

/** What a staff member's {@code staff_init} shows of the organisation's queue. Answered with {@link LiveChatQueue}. */
public record FindLiveChatQueue(String tenant) {

    /** Seed 004: "Top-15 recently flagged chats". */
    public static final int FLAGGED_LIMIT = 15;
}
