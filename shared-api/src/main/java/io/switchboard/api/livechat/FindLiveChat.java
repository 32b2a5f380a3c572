package io.switchboard.api.livechat;

/** One live chat of the tenant, as {@code Optional<LiveChatView>}; empty for another tenant's id. */
public record FindLiveChat(String tenant, long conversationId) {
}
