package io.switchboard.api.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Any staff member of the organisation flags or unflags a chat: {@code severityLevel} 0 (normal) to
 * {@link #MAX_SEVERITY_LEVEL}; above 0 the chat counts as flagged.
 */
public record ChangeChatPriority(@TargetAggregateIdentifier long conversationId, AuthenticatedUser staff,
                                 int severityLevel) {

    public static final int MAX_SEVERITY_LEVEL = 10;
}
