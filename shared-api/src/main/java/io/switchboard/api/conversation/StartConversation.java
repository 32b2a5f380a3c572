package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;

import java.util.List;

/**
 * Start a conversation; the command side allocates its numeric id and returns it.
 *
 * @param subject      what the conversation is about, e.g. a hotel room number; for {@code GUEST_ROOM} it must be the
 *                     starting guest's own room
 * @param participants initial participants besides the starter (who is always added)
 * @param startedBy    the authenticated caller
 */
public record StartConversation(ConversationKind kind, String tenant, String subject,
                                List<Participant> participants, AuthenticatedUser startedBy) {
}
