package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.text.InputText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.switchboard.api.conversation.MessageLimits.MAX_IDENTIFIER_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_PARTICIPANTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_SUBJECT_LENGTH;

/** Who may start which kind of conversation, with whom, about what. Needs no state: a new conversation has none. */
final class StartRules {

    private StartRules() {
    }

    /**
     * A start that passed every rule.
     *
     * @param participants the starter first, no duplicates
     * @param naturalKey   the key to claim in {@link ConversationKeyRegistry}, or null for kinds without one
     */
    record Start(String subject, String subjectReference, List<Participant> participants, String naturalKey) {
    }

    static Start decide(StartConversation command) {
        Objects.requireNonNull(command.kind(), "kind");
        AuthenticatedUser starter = command.startedBy();
        MessageRules.requireStorableCaller(starter);
        if (!starter.tenant().equals(command.tenant())) {
            throw new CommandRejectedException(ErrorCode.TENANT_MISMATCH,
                    "a conversation is started in the starter's own tenant");
        }
        List<Participant> others = others(starter, command.participants());
        if (MessageLimits.tooManyParticipants(others.size())) {
            throw new CommandRejectedException(ErrorCode.INVALID_PARTICIPANTS,
                    "a conversation has at most " + MAX_PARTICIPANTS + " participants");
        }
        Start start = switch (command.kind()) {
            case GUEST_ROOM -> guestRoom(command.subject(), starter, others);
            case STAFF -> staff(command.subject(), starter, others);
            case DIRECT -> direct(command.subject(), starter, others);
            case SUPPORT -> support(command.subject(), starter, others);
            case LIVE_CHAT -> liveChat(command.subject(), starter, others);
        };
        if (start.subject() != null && start.subject().length() > MAX_SUBJECT_LENGTH) {
            throw new CommandRejectedException(ErrorCode.INVALID_SUBJECT,
                    "subject is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        InputText.Problem characters = InputText.characterProblem(start.subject());
        require(characters == null, ErrorCode.INVALID_SUBJECT,
                characters == null ? "" : "subject: " + characters.detail());
        return start;
    }

    private static Start guestRoom(String subject, AuthenticatedUser guest, List<Participant> others) {
        require(guest.role() == Role.GUEST && hasText(guest.room()) && hasText(guest.booking()),
                ErrorCode.ROLE_NOT_ALLOWED, "only a guest with a room and a booking starts a room conversation");
        if (subject != null && !subject.equals(guest.room())) {
            throw new CommandRejectedException(ErrorCode.INVALID_SUBJECT, "subject must be the guest's own room");
        }
        require(allStaff(others), ErrorCode.INVALID_PARTICIPANTS, "only staff join a guest's room conversation");
        return new Start(guest.room(), guest.booking(), withStarter(guest, others),
                ConversationKeys.guestRoom(guest.room(), guest.booking()));
    }

    private static Start staff(String subject, AuthenticatedUser starter, List<Participant> others) {
        require(starter.role().isStaff(), ErrorCode.ROLE_NOT_ALLOWED, "only staff start a staff conversation");
        require(!others.isEmpty() && allStaff(others), ErrorCode.INVALID_PARTICIPANTS,
                "a staff conversation needs at least one other participant, all of them staff");
        return plain(subject, starter, others);
    }

    private static Start direct(String subject, AuthenticatedUser starter, List<Participant> others) {
        require(others.size() == 1, ErrorCode.INVALID_PARTICIPANTS,
                "a direct conversation has exactly one participant besides the starter");
        return new Start(subject, null, withStarter(starter, others),
                ConversationKeys.direct(starter.userId(), others.get(0).userId()));
    }

    /**
     * The visitor alone: staff come in through the queue (claim, take-over, add), never by being listed at the start.
     * The visitor's email is the subject reference, which is how the read model shows it (seed 004 lists chats by
     * visitor with their email). Natural key: the visitor, until the chat closes.
     */
    private static Start liveChat(String subject, AuthenticatedUser visitor, List<Participant> others) {
        require(visitor.role() == Role.VISITOR, ErrorCode.ROLE_NOT_ALLOWED, "only a visitor starts a live chat");
        require(others.isEmpty(), ErrorCode.INVALID_PARTICIPANTS,
                "a live chat starts with the visitor alone; staff join by claiming it");
        return new Start(subject, visitor.email(), withStarter(visitor, others),
                ConversationKeys.liveChat(visitor.userId()));
    }

    /**
     * The subject is the client's id for the conversation and its natural key: one support conversation per client id
     * in a tenant, for good. Who may start it, under which id and with whom is {@link SupportRules}'.
     */
    private static Start support(String clientId, AuthenticatedUser starter, List<Participant> others) {
        SupportRules.requireValidStart(clientId, starter, others);
        return new Start(clientId, null, withStarter(starter, others), ConversationKeys.support(clientId));
    }

    private static Start plain(String subject, AuthenticatedUser starter, List<Participant> others) {
        return new Start(subject, null, withStarter(starter, others), null);
    }

    /** The requested participants besides the starter, first mention of a user wins. */
    private static List<Participant> others(AuthenticatedUser starter, List<Participant> requested) {
        Map<String, Participant> byUser = new LinkedHashMap<>();
        for (Participant participant : requested == null ? List.<Participant>of() : requested) {
            require(participant != null && hasText(participant.userId()) && participant.role() != null,
                    ErrorCode.INVALID_PARTICIPANTS, "every participant needs a user id and a role");
            // Ids and names are stored in read models and channel names: bound them like token claims.
            require(isIdentifier(participant.userId()) && (participant.name() == null || isIdentifier(participant.name())),
                    ErrorCode.INVALID_PARTICIPANTS, "participant ids and names are at most "
                            + MAX_IDENTIFIER_LENGTH + " characters of valid text (no null characters, unpaired "
                            + "surrogates or non-characters)");
            if (!participant.userId().equals(starter.userId())) {
                byUser.putIfAbsent(participant.userId(), participant);
            }
        }
        return List.copyOf(byUser.values());
    }

    private static List<Participant> withStarter(AuthenticatedUser starter, List<Participant> others) {
        List<Participant> participants = new ArrayList<>(others.size() + 1);
        participants.add(new Participant(starter.userId(), starter.name(), starter.role()));
        participants.addAll(others);
        return List.copyOf(participants);
    }

    private static boolean allStaff(List<Participant> participants) {
        return participants.stream().allMatch(participant -> participant.role().isStaff());
    }

    private static boolean isIdentifier(String value) {
        return InputText.isValid(value, MAX_IDENTIFIER_LENGTH);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, ErrorCode code, String message) {
        if (!condition) {
            throw new CommandRejectedException(code, message);
        }
    }
}
