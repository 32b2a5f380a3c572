package io.switchboard.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.support.RobotMessageShared;
import io.switchboard.api.support.ShareRobotMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static io.switchboard.api.conversation.MessageLimits.MAX_PARTICIPANTS;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One conversation, event-sourced. Command handlers decide and apply events; event sourcing handlers only assign.
 * State holds what decisions need, and message bodies only where a decision copies them (a support conversation's
 * unshared robot messages, bounded: {@link RobotMessages}). Snapshots serialize the fields with Jackson, hence the
 * field visibility and the no-argument constructor.
 * <p>
 * Messages, sequences, read positions, participants and idempotency are shared by every kind and live here. Rules that
 * belong to one kind live in their own classes: {@link StartRules} (who starts what, with which natural key), for a
 * live chat {@link LiveChatRouting}, an aggregate member with its own commands and state, and for a support
 * conversation {@link SupportRules} (who starts, takes part, shares) and {@link RobotMessages} (what can be shared).
 */
@Aggregate(repository = "conversationRepository")
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
class Conversation {

    /** How many of each sender's latest client message ids a resend is recognised by. */
    static final int REMEMBERED_CLIENT_MESSAGE_IDS = 1_000;

    /** Boxed on purpose: Axon files the first event under the id only once the id is no longer null. */
    @AggregateIdentifier
    private Long conversationId;
    private ConversationKind kind;
    private String tenant;
    /** The room of a {@code GUEST_ROOM} conversation. */
    private String subject;
    /** The booking of a {@code GUEST_ROOM} conversation. */
    private String subjectReference;
    /** Everyone who ever participated, by user id; leaving keeps the entry as inactive. */
    private Map<String, Membership> participants = new HashMap<>();
    private Status status;
    private long nextSequence;
    /** The last sequence each reader has read, by user id. */
    private Map<String, Long> readPositions = new HashMap<>();
    /** Sender id, then client message id: what the first send answered, so a resend gets the same answer. */
    /** Per sender, the most recent client message ids in the order they were accepted (oldest first). */
    private Map<String, Map<String, Accepted>> acceptedByClientMessageId = new HashMap<>();
    /**
     * A {@code LIVE_CHAT}'s queue routing (its own commands, rules and state); null for every other kind. Axon
     * forwards the live-chat commands and every event to it.
     */
    @AggregateMember
    private LiveChatRouting liveChat;
    /**
     * A {@code SUPPORT} conversation's robot messages that can still be shared, and those that were; null for every
     * other kind. Axon forwards every event to it.
     */
    @AggregateMember
    private RobotMessages robotMessages;

    /** {@code CLOSED} once a kind's rules ended the conversation (a live chat's {@link ChatClosed}). */
    enum Status { OPEN, CLOSED }

    record Membership(Role role, boolean active) {
    }

    record Accepted(long messageId, long sequence, Instant sentAt) {
    }

    Conversation() {
        // for Axon's event sourcing and creation handler, and for Jackson reading a snapshot
    }

    /**
     * A creation handler rather than a constructor so it can answer with the first message's {@link MessageAccepted}.
     * Every rule, the first message's included, is decided before an id is drawn or the natural key claimed: a
     * refused start leaves nothing behind.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    Object handle(StartConversation command, ConversationIdProvider conversationIds, ConversationKeyRegistry keys,
                  MessageIdProvider messageIds, Clock clock) {
        StartRules.Start start = StartRules.decide(command);
        MessageRules.ValidMessage first = command.firstMessage() == null ? null
                : MessageRules.validate(command.startedBy(), command.firstMessage());
        long id = conversationIds.nextConversationId();
        if (start.naturalKey() != null && !keys.claim(command.tenant(), start.naturalKey(), id)) {
            Long existing = keys.find(command.tenant(), start.naturalKey()).orElse(null);
            throw new CommandRejectedException(ErrorCode.CONVERSATION_EXISTS,
                    "such a conversation exists already", existing);
        }
        Instant now = clock.instant();
        apply(new ConversationStarted(id, command.tenant(), command.kind(), start.subject(), start.subjectReference(),
                start.participants(), command.startedBy().userId(), now));
        return first == null ? Long.valueOf(id) : record(command.startedBy(), first, messageIds, now);
    }

    @CommandHandler
    MessageAccepted handle(SendMessage command, MessageIdProvider messageIds, Clock clock) {
        AuthenticatedUser sender = command.sender();
        MessageRules.requireStorableCaller(sender);
        requireAddressable(command.expectedKind(), sender);
        Accepted original = acceptedBefore(sender.userId(), command.clientMessageId());
        if (original != null) {
            // Answered before any other rule: the message was accepted, whatever happened to the conversation since.
            return new MessageAccepted(conversationId, original.messageId(), original.sequence(), original.sentAt(),
                    true);
        }
        if (status == Status.CLOSED) {
            throw new CommandRejectedException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
        }
        requireMaySend(sender);
        if (kind == ConversationKind.SUPPORT) {
            SupportRules.requireMessageTypeAllowed(sender, command.type());
        }
        MessageRules.ValidMessage message = MessageRules.validate(command);
        Instant now = clock.instant();
        if (!isActive(sender.userId())) {
            joinAt(sender, now);
        }
        if (liveChat != null) {
            liveChat.beforeMessageFrom(sender, now);
        }
        return record(sender, message, messageIds, now);
    }

    private MessageAccepted record(AuthenticatedUser sender, MessageRules.ValidMessage message,
                                   MessageIdProvider messageIds, Instant now) {
        return record(sender, message, messageIds.nextMessageId(), now);
    }

    private MessageAccepted record(AuthenticatedUser sender, MessageRules.ValidMessage message, long messageId,
                                   Instant now) {
        long sequence = nextSequence;
        apply(new MessageSent(conversationId, tenant, messageId, sequence, sender.userId(), sender.name(),
                sender.role(), message.type(), message.text(), message.content(), message.attachments(),
                message.clientMessageId(), now));
        return new MessageAccepted(conversationId, messageId, sequence, now, false);
    }

    /**
     * An agent makes a robot's suggestion visible to the customer: {@link RobotMessageShared}, then the new message,
     * the robot message's text, content and attachments sent as {@code TEXT} by the agent, with the next sequence.
     * Decided here rather than in {@link RobotMessages} because it needs the participants, the status and the
     * sequence; what can be shared is the member's to say. Checked who → state → what. Kinds other than
     * {@code SUPPORT} never get here ({@link #requireSupport}).
     */
    @CommandHandler
    MessageAccepted handle(ShareRobotMessage command, MessageIdProvider messageIds, Clock clock) {
        AuthenticatedUser agent = Objects.requireNonNull(command.sharedBy(), "sharedBy");
        MessageRules.requireStorableCaller(agent);
        requireAddressable(null, agent);
        if (!SupportRules.mayShare(agent.role())) {
            throw new CommandRejectedException(ErrorCode.ROLE_NOT_ALLOWED,
                    "role " + agent.role().wireName() + " may not share a robot message");
        }
        // no joining by sharing: an agent shares in the conversation they are serving
        if (!isActive(agent.userId())) {
            throw new CommandRejectedException(ErrorCode.NOT_PARTICIPANT, "not a participant of this conversation");
        }
        if (status == Status.CLOSED) {
            throw new CommandRejectedException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
        }
        RobotMessages.RobotMessage original = robotMessages.toShare(command.robotMessageId());
        Instant now = clock.instant();
        long sharedMessageId = messageIds.nextMessageId();
        apply(new RobotMessageShared(conversationId, tenant, command.robotMessageId(), sharedMessageId,
                agent.userId(), now));
        return record(agent, new MessageRules.ValidMessage(MessageType.TEXT, original.text(), original.content(),
                List.copyOf(original.attachments()), null), sharedMessageId, now);
    }

    @CommandHandler
    void handle(JoinConversation command, Clock clock) {
        AuthenticatedUser user = command.user();
        MessageRules.requireStorableCaller(user);
        requireAddressable(command.expectedKind(), user);
        if (isActive(user.userId())) {
            return;
        }
        if (!mayJoin(user)) {
            throw new CommandRejectedException(ErrorCode.NOT_PARTICIPANT,
                    "role " + user.role().wireName() + " may not join this conversation");
        }
        joinAt(user, clock.instant());
    }

    @CommandHandler
    void handle(LeaveConversation command, ConversationKeyRegistry keys, Clock clock) {
        AuthenticatedUser user = command.user();
        MessageRules.requireStorableCaller(user);
        requireAddressable(command.expectedKind(), user);
        if (liveChat != null) {
            // whoever leaves a live chat may close it or hand it to other staff: the chat's own rule decides
            liveChat.leave(user, keys, clock.instant());
            return;
        }
        if (!isActive(user.userId())) {
            throw new CommandRejectedException(ErrorCode.NOT_PARTICIPANT, "not a participant of this conversation");
        }
        apply(new ParticipantLeft(conversationId, tenant, user.userId(), participants.get(user.userId()).role(),
                clock.instant()));
    }

    @CommandHandler
    void handle(MarkConversationRead command, Clock clock) {
        AuthenticatedUser reader = command.reader();
        MessageRules.requireStorableCaller(reader);
        requireAddressable(command.expectedKind(), reader);
        requireMaySend(reader);
        if (command.upToSequence() < 0) {
            throw new CommandRejectedException(ErrorCode.INVALID_READ_MARKER, "read marker must not be negative");
        }
        long upToSequence = Math.min(command.upToSequence(), nextSequence - 1);
        if (upToSequence > readPositions.getOrDefault(reader.userId(), 0L)) {
            apply(new ConversationRead(conversationId, tenant, reader.userId(), reader.role(), upToSequence,
                    clock.instant()));
        }
    }

    /**
     * Every live-chat command (package {@code io.switchboard.api.livechat}) is handled by {@link #liveChat}; a
     * conversation of another kind has none, so Axon would answer with its own "no entity" exception. Refused here
     * instead, as the other dialects' kinds are: as if the conversation did not exist.
     */
    @CommandHandlerInterceptor(commandNamePattern = "io\\.switchboard\\.api\\.livechat\\..*")
    void requireLiveChat(CommandMessage<?> command) {
        if (liveChat == null) {
            throw new CommandRejectedException(ErrorCode.UNKNOWN_CONVERSATION,
                    "no " + ConversationKind.LIVE_CHAT + " conversation " + conversationId);
        }
    }

    /**
     * Every support command (package {@code io.switchboard.api.support}) needs a {@code SUPPORT} conversation, and
     * {@link #robotMessages} is null for every other kind: refused as if the conversation did not exist.
     */
    @CommandHandlerInterceptor(commandNamePattern = "io\\.switchboard\\.api\\.support\\..*")
    void requireSupport(CommandMessage<?> command) {
        if (kind != ConversationKind.SUPPORT) {
            throw new CommandRejectedException(ErrorCode.UNKNOWN_CONVERSATION,
                    "no " + ConversationKind.SUPPORT + " conversation " + conversationId);
        }
    }

    /** Another dialect's kind or another tenant's conversation is refused as if it did not exist. */
    private void requireAddressable(ConversationKind expectedKind, AuthenticatedUser caller) {
        if (expectedKind != null && expectedKind != kind) {
            throw new CommandRejectedException(ErrorCode.UNKNOWN_CONVERSATION,
                    "no " + expectedKind + " conversation " + conversationId);
        }
        if (!caller.tenant().equals(tenant)) {
            throw new CommandRejectedException(ErrorCode.TENANT_MISMATCH,
                    "conversation " + conversationId + " belongs to another tenant");
        }
    }

    private void requireMaySend(AuthenticatedUser user) {
        boolean allowed = switch (kind) {
            case GUEST_ROOM -> isTheRoomsGuest(user) || user.role().isStaff();
            // a non-staff token whose id happens to be a listed staff id is still not staff
            case STAFF -> isActive(user.userId()) && user.role().isStaff();
            case LIVE_CHAT -> liveChat.maySend(user);
            // whoever may join (sending joins them), by role: a visitor's token with a participant's id is refused
            case SUPPORT -> supportAdmits(user);
            default -> isActive(user.userId());
        };
        if (!allowed) {
            throw new CommandRejectedException(ErrorCode.NOT_PARTICIPANT, "not a participant of this conversation");
        }
    }

    /**
     * One customer per support conversation: a client id is no secret, so another customer who learns it must not
     * read the conversation. Staff and robots of the tenant may take part in any.
     */
    private boolean supportAdmits(AuthenticatedUser user) {
        if (!SupportRules.mayTakePart(user.role())) {
            return false;
        }
        return user.role() != Role.CUSTOMER || participants.containsKey(user.userId())
                || participants.values().stream().noneMatch(member -> member.role() == Role.CUSTOMER);
    }

    private boolean mayJoin(AuthenticatedUser user) {
        return switch (kind) {
            // whoever may send to a room thread may join it (sending joins them anyway)
            case GUEST_ROOM -> isTheRoomsGuest(user) || user.role().isStaff();
            case STAFF -> user.role().isStaff();
            case SUPPORT -> supportAdmits(user);
            // nobody new: only former participants come back
            case DIRECT -> participants.containsKey(user.userId());
            // staff come in by claim, take-over or being added, and a visitor who left has closed the chat
            case LIVE_CHAT -> false;
        };
    }

    /** Only the current booking's guest: the room's next guest gets a thread of their own. */
    private boolean isTheRoomsGuest(AuthenticatedUser user) {
        return user.role() == Role.GUEST && subject.equals(user.room()) && subjectReference.equals(user.booking());
    }

    private Accepted acceptedBefore(String senderId, String clientMessageId) {
        Map<String, Accepted> bySender = acceptedByClientMessageId.get(senderId);
        return clientMessageId == null || bySender == null ? null : bySender.get(clientMessageId);
    }

    private boolean isActive(String userId) {
        Membership membership = participants.get(userId);
        return membership != null && membership.active();
    }

    private void joinAt(AuthenticatedUser user, Instant now) {
        long active = participants.values().stream().filter(Membership::active).count();
        if (active >= MAX_PARTICIPANTS) {
            throw new CommandRejectedException(ErrorCode.INVALID_PARTICIPANTS,
                    "a conversation has at most " + MAX_PARTICIPANTS + " participants");
        }
        apply(new ParticipantJoined(conversationId, tenant, user.userId(), user.name(), user.role(), now));
    }

    @EventSourcingHandler
    void on(ConversationStarted event) {
        conversationId = event.conversationId();
        kind = event.kind();
        tenant = event.tenant();
        subject = event.subject();
        subjectReference = event.subjectReference();
        for (Participant participant : event.participants()) {
            participants.put(participant.userId(), new Membership(participant.role(), true));
        }
        status = Status.OPEN;
        nextSequence = 1;
        liveChat = LiveChatRouting.startedBy(event);
        robotMessages = RobotMessages.startedBy(event);
    }

    @EventSourcingHandler
    void on(ParticipantJoined event) {
        participants.put(event.userId(), new Membership(event.role(), true));
    }

    @EventSourcingHandler
    void on(ParticipantLeft event) {
        participants.put(event.userId(), new Membership(event.role(), false));
    }

    @EventSourcingHandler
    void on(MessageSent event) {
        nextSequence = event.sequence() + 1;
        if (event.clientMessageId() != null) {
            Map<String, Accepted> bySender =
                    acceptedByClientMessageId.computeIfAbsent(event.senderId(), sender -> new LinkedHashMap<>());
            bySender.put(event.clientMessageId(), new Accepted(event.messageId(), event.sequence(), event.sentAt()));
            // Retries come within moments, not thousands of messages later: bound what snapshots carry.
            if (bySender.size() > REMEMBERED_CLIENT_MESSAGE_IDS) {
                bySender.remove(bySender.keySet().iterator().next());
            }
        }
    }

    /** However a kind's rules end a conversation, nobody sends to it any more. */
    @EventSourcingHandler
    void on(ChatClosed event) {
        status = Status.CLOSED;
    }

    @EventSourcingHandler
    void on(ConversationRead event) {
        readPositions.put(event.readerId(), event.upToSequence());
    }
}
