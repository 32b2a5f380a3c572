package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant leaves a live chat. The visitor leaving closes it ({@code VISITOR_LEFT}); a staff member leaving
 * closes it when they were the last staff in it ({@code STAFF_LEFT}), else only they leave.
 *
 * @param disconnected true when the socket dropped rather than the user leaving on purpose (recorded, same rules)
 */
public record LeaveChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser user, boolean disconnected) {
}
