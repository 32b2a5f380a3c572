package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The caller has read every message up to and including {@code upToSequence}; a value past the last message means
 * "everything" ({@code Long.MAX_VALUE} is fine). {@code expectedKind}: as in {@link SendMessage}. A marker that does not advance the caller's read position adds no event.
 */
public record MarkConversationRead(@TargetAggregateIdentifier long conversationId, ConversationKind expectedKind,
                                   AuthenticatedUser reader,
                                   long upToSequence) {
}
