package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant leaves a live chat. The visitor leaving closes it ({@code VISITOR_LEFT}); a staff member leaving
 * closes it when they were the last staff in it ({@code STAFF_LEFT}), else only they leave.
 * <p>
 * Events: the leaver's {@code ParticipantLeft} always, first; then {@code ChatClosed} when the leave ends the chat.
 * When the serving staff member leaves and other staff remain, the earliest-added remaining staff member (order of
 * {@code StaffAddedToChat}) becomes the serving one: no event names them, projections derive it from that
 * {@code ParticipantLeft} (one of the serving member, not followed by {@code ChatClosed}).
 *
 * @param disconnected true when the socket dropped rather than the user leaving on purpose (recorded, same rules)
 */
public record LeaveChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser user, boolean disconnected) {
}
