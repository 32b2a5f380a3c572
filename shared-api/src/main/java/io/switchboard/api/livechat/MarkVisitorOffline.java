package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The visitor's last connection closed; the chat stays open (queued chats move to the offline queue). */
public record MarkVisitorOffline(@TargetAggregateIdentifier long conversationId, AuthenticatedUser visitor) {
}
