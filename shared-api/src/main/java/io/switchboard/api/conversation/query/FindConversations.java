package io.switchboard.api.conversation.query;

import io.switchboard.api.conversation.ConversationKind;

/**
 * A tenant's conversations of one kind, most recent activity first. Answered with {@link ConversationList}.
 *
 * @param viewerId          whose unread state to report
 * @param participatingOnly only conversations the viewer currently participates in
 */
public record FindConversations(String tenant, ConversationKind kind, String viewerId, boolean participatingOnly,
                                int limit, int offset) {
}
