package io.switchboard.api.conversation.query;

/** One conversation of a tenant, as {@code Optional<ConversationSummary>}; empty for another tenant's id. */
public record FindConversation(String tenant, long conversationId, String viewerId) {
}
