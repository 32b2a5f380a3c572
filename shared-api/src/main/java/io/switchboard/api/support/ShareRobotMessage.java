package io.switchboard.api.support;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An agent or supervisor in the conversation makes a robot's suggestion visible: a new visible message with the
 * robot message's text, linked to it. Only robot messages can be shared, each at most once. Answered with
 * {@code MessageAccepted} of the new message.
 */
public record ShareRobotMessage(@TargetAggregateIdentifier long conversationId, AuthenticatedUser sharedBy,
                                long robotMessageId) {
}
