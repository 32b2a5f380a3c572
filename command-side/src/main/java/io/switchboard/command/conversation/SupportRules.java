package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.support.SupportConversations;
import io.switchboard.api.text.InputText;

import java.util.List;

/**
 * Who does what in a {@code SUPPORT} conversation (seed 003: customers, agents, supervisors and robots), rules that
 * need no state. The robot messages a conversation remembers for sharing are {@link RobotMessages}'.
 * <ul>
 *     <li><b>start</b>: {@code CUSTOMER}, the agents ({@code AGENT}, {@code STAFF}) and {@code SUPERVISOR}/{@code ADMIN}.
 *     Not a {@code ROBOT}: a robot answers in a conversation, it does not open one for a client id.</li>
 *     <li><b>take part</b> (be listed at the start, join, send, mark read): the starters and {@code ROBOT}.</li>
 *     <li><b>share</b> a robot message: the agents and supervisors/admins ({@link Role#isStaff()}), the ones robot
 *     messages are meant for.</li>
 * </ul>
 * Nobody else ever: {@code GUEST} and {@code VISITOR} are the hotel and live-chat dialects' users, and an
 * {@code AUDITOR} reads, it never takes part.
 */
final class SupportRules {

    private SupportRules() {
    }

    static boolean mayStart(Role role) {
        return role == Role.CUSTOMER || role.isStaff();
    }

    static boolean mayTakePart(Role role) {
        return mayStart(role) || role == Role.ROBOT;
    }

    static boolean mayShare(Role role) {
        return role.isStaff();
    }

    /**
     * A start's own rules, checked who → what → with whom. The client id becomes the conversation's subject and its
     * natural key ({@link ConversationKeys#support}); the shared start rules (tenant, participant shape and count)
     * were checked before.
     */
    static void requireValidStart(String clientId, AuthenticatedUser starter, List<Participant> others) {
        if (!mayStart(starter.role())) {
            throw new CommandRejectedException(ErrorCode.ROLE_NOT_ALLOWED,
                    "role " + starter.role().wireName() + " may not start a support conversation");
        }
        if (!isClientId(clientId)) {
            throw new CommandRejectedException(ErrorCode.INVALID_SUBJECT, "a support conversation's subject is its"
                    + " client id: 1 to " + SupportConversations.MAX_CLIENT_ID_LENGTH + " non-blank characters of"
                    + " valid text (no null characters, unpaired surrogates or non-characters)");
        }
        // Whoever is listed is a participant without having joined: the same roles as those who may join.
        if (!others.stream().allMatch(participant -> mayTakePart(participant.role()))) {
            throw new CommandRejectedException(ErrorCode.INVALID_PARTICIPANTS,
                    "a support conversation's participants are customers, agents, supervisors and robots");
        }
    }

    /**
     * Taken exactly as given (never trimmed or case-folded): it is the client's name for the conversation, and the
     * lookup ({@code FindSupportConversation}) must find it by the same string.
     */
    static boolean isClientId(String clientId) {
        return clientId != null && !clientId.isBlank()
                && InputText.isValid(clientId, SupportConversations.MAX_CLIENT_ID_LENGTH);
    }

    /**
     * A robot's messages are suggestions for the agents ({@code MessageType.ROBOT}, visible to agents and
     * supervisors until shared): a robot sending {@code TEXT} or {@code SYSTEM} would reach the customer unreviewed.
     * That only robots send {@code ROBOT} messages is {@link MessageRules}' rule, the same in every kind.
     */
    static void requireMessageTypeAllowed(AuthenticatedUser sender, MessageType requested) {
        MessageType type = requested == null ? MessageType.TEXT : requested;
        if (sender.role() == Role.ROBOT && type != MessageType.ROBOT) {
            throw new CommandRejectedException(ErrorCode.ROLE_NOT_ALLOWED,
                    "a robot sends only robot messages to a support conversation");
        }
    }
}
