package io.switchboard.api.livechat;

import io.switchboard.api.conversation.Participant;
import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor or admin adds another staff member to a claimed chat (at most {@code MAX_STAFF_PER_CHAT} staff). */
public record AddStaffToChat(@TargetAggregateIdentifier long conversationId, AuthenticatedUser supervisor,
                             Participant staff) {

    /** Staff in one chat at a time, the serving one included. */
    public static final int MAX_STAFF_PER_CHAT = 5;
}
