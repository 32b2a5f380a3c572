package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The caller leaves the conversation. {@code expectedKind}: as in {@link SendMessage}. */
public record LeaveConversation(@TargetAggregateIdentifier long conversationId, ConversationKind expectedKind,
                                AuthenticatedUser user) {
}
