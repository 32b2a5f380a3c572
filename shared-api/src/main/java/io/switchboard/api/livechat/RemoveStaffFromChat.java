package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor or admin removes a staff member from a chat (not the serving one: that is a take-over). */
public record RemoveStaffFromChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser supervisor,
                                  String staffId) {
}
