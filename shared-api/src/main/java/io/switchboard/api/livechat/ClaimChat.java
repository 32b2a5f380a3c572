package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A staff member takes a queued chat. At most once per chat: a second claim is refused as {@code CHAT_ALREADY_CLAIMED}. */
public record ClaimChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser staff) {
}
