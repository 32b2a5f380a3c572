package io.switchboard.api.support;

/**
 * The {@code SUPPORT} conversation a client id names in a tenant, answered by the command side from its natural-key
 * registry (never stale) as {@code Optional<Long>}. The conversation is started with
 * {@code StartConversation(SUPPORT, tenant, subject = clientId, ...)}: the subject is the client id and its key.
 */
public record FindSupportConversation(String tenant, String clientId) {
}
