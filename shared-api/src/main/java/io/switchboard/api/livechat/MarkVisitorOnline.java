package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The visitor of an open chat connected again. No event when the chat already has the visitor online. */
public record MarkVisitorOnline(@TargetAggregateIdentifier long conversationId, AuthenticatedUser visitor) {
}
