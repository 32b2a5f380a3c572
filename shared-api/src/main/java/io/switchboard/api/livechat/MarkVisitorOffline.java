package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The visitor's last connection closed; the chat stays open (queued chats move to the offline queue). No event when
 * the visitor is offline already or the chat is closed (no error either: a disconnect may race the close).
 */
public record MarkVisitorOffline(@TargetAggregateIdentifier long conversationId, AuthenticatedUser visitor) {
}
