package io.switchboard.api.livechat;

/**
 * One live chat of the tenant in any status, closed included, as {@code Optional<LiveChatView>}; empty for another
 * tenant's id or a conversation of another kind.
 */
public record FindLiveChat(String tenant, long conversationId) {
}
