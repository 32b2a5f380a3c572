package io.switchboard.api.conversation;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * @param subject          e.g. the hotel room number of a {@code GUEST_ROOM} conversation
 * @param subjectReference e.g. the booking of the guest who started a {@code GUEST_ROOM} conversation; for a
 *                         {@code LIVE_CHAT} the visitor's email from their token (null when it had none), which the
 *                         read model shows as the chat's {@code visitorEmail}
 * @param participants     everyone in the conversation at the start, the starter first
 */
@Revision("1")
public record ConversationStarted(long conversationId, String tenant, ConversationKind kind, String subject,
                                  String subjectReference, List<Participant> participants, String startedBy,
                                  Instant startedAt) {
}
