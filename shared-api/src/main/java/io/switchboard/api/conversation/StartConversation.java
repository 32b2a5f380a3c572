package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;

import java.util.List;

/**
 * Start a conversation; the command side allocates its numeric id. Answered with that id ({@code Long}), or, when
 * the command carries a {@code firstMessage}, with the first message's {@link MessageAccepted} (which names the
 * conversation).
 *
 * @param subject      what the conversation is about, e.g. a hotel room number; for {@code GUEST_ROOM} it must be the
 *                     starting guest's own room
 * @param participants initial participants besides the starter (who is always added)
 * @param startedBy    the authenticated caller
 * @param firstMessage optional: sent by the starter as the conversation's first message; refused, it refuses the
 *                     whole start, so no conversation (and no natural key) is left without it
 */
public record StartConversation(ConversationKind kind, String tenant, String subject,
                                List<Participant> participants, AuthenticatedUser startedBy,
                                FirstMessage firstMessage) {

    public StartConversation(ConversationKind kind, String tenant, String subject, List<Participant> participants,
                             AuthenticatedUser startedBy) {
        this(kind, tenant, subject, participants, startedBy, null);
    }
}
