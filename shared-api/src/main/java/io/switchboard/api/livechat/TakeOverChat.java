package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor or admin replaces the serving staff member of a claimed chat. */
public record TakeOverChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser supervisor) {
}
