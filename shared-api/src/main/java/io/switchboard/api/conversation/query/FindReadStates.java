package io.switchboard.api.conversation.query;

import io.switchboard.api.conversation.ConversationKind;

/**
 * The reader's position in every conversation it actively participates in, with what the read model has stored of
 * each, so a caller that knows of a newer event can tell whether the answer includes it. Answered with
 * {@link ReadStates}.
 *
 * @param kind           null for every kind
 * @param conversationId null for all of the reader's conversations
 */
public record FindReadStates(String tenant, String readerId, ConversationKind kind, Long conversationId) {
}
