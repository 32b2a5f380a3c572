package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The caller joins the conversation; joining again is a no-op. {@code expectedKind}: as in {@link SendMessage}. */
public record JoinConversation(@TargetAggregateIdentifier long conversationId, ConversationKind expectedKind,
                               AuthenticatedUser user) {
}
