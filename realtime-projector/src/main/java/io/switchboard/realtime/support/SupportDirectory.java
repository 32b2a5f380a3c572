package io.switchboard.realtime.support;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;
import io.switchboard.api.support.RobotMessageShared;
import io.switchboard.realtime.hub.ConversationEvents;
import io.switchboard.realtime.hub.Hub;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * This node's picture of support conversations: the client id (the start's subject), participants, counts and times
 * for the dashboard. Kept from the hub's stream (before any connection renders an event) and read from the read
 * model for conversations older than the node; each event keeps a copy of the state right after it.
 */
final class SupportDirectory {

    record Member(String userId, Role role, Instant joinedAt, boolean active) {
    }

    static final class State {
        final long conversationId;
        final String tenant;
        final String clientId;
        final String createdBy;
        final Instant createdAt;
        Instant updatedAt;
        Instant lastMessageAt;
        long messageCount;
        final Map<String, Member> participants = new LinkedHashMap<>();
        /** Shared message id → the robot message it shares. */
        final Map<Long, Long> sharedFrom = new LinkedHashMap<>();

        State(long conversationId, String tenant, String clientId, String createdBy, Instant createdAt) {
            this.conversationId = conversationId;
            this.tenant = tenant;
            this.clientId = clientId;
            this.createdBy = createdBy;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        State copy() {
            State copy = new State(conversationId, tenant, clientId, createdBy, createdAt);
            copy.updatedAt = updatedAt;
            copy.lastMessageAt = lastMessageAt;
            copy.messageCount = messageCount;
            copy.participants.putAll(participants);
            copy.sharedFrom.putAll(sharedFrom);
            return copy;
        }
    }

    private static final int REMEMBERED = 100_000;

    private final QueryGateway queries;
    private final Map<Long, State> states = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, State> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<Object, State> atEvent = Collections.synchronizedMap(new WeakHashMap<>());

    SupportDirectory(Hub hub, QueryGateway queries) {
        this.queries = queries;
        hub.listen(ConversationKind.SUPPORT, this::stored);
    }

    State at(Object event) {
        return atEvent.get(event);
    }

    synchronized Optional<State> state(long conversationId, String tenant) {
        State state = states.get(conversationId);
        if (state == null) {
            state = load(conversationId, tenant);
        }
        return Optional.ofNullable(state).filter(found -> found.tenant.equals(tenant)).map(State::copy);
    }

    private synchronized void stored(Object event) {
        State state;
        if (event instanceof ConversationStarted started) {
            state = new State(started.conversationId(), started.tenant(), started.subject(), started.startedBy(),
                    started.startedAt());
            for (Participant participant : started.participants()) {
                state.participants.put(participant.userId(),
                        new Member(participant.userId(), participant.role(), started.startedAt(), true));
            }
            states.put(started.conversationId(), state);
        } else {
            long id = ConversationEvents.conversationId(event);
            state = states.get(id);
            if (state == null) {
                state = load(id, ConversationEvents.tenant(event));
                if (state == null) {
                    return;
                }
            } else {
                apply(state, event);
            }
        }
        atEvent.put(event, state.copy());
    }

    private static void apply(State state, Object event) {
        if (event instanceof MessageSent message) {
            state.messageCount = Math.max(state.messageCount, message.sequence());
            state.lastMessageAt = message.sentAt();
            state.updatedAt = message.sentAt();
        } else if (event instanceof ParticipantJoined joined) {
            state.participants.put(joined.userId(), new Member(joined.userId(), joined.role(), joined.joinedAt(), true));
            state.updatedAt = joined.joinedAt();
        } else if (event instanceof ParticipantLeft left) {
            Member member = state.participants.get(left.userId());
            state.participants.put(left.userId(), new Member(left.userId(), left.role(),
                    member == null ? left.leftAt() : member.joinedAt(), false));
            state.updatedAt = left.leftAt();
        } else if (event instanceof RobotMessageShared shared) {
            state.sharedFrom.put(shared.sharedMessageId(), shared.robotMessageId());
        }
    }

    private State load(long conversationId, String tenant) {
        Optional<ConversationSummary> summary = queries.query(new FindConversation(tenant, conversationId, null),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).join();
        return summary.filter(found -> found.kind() == ConversationKind.SUPPORT).map(found -> {
            String starter = found.participants().isEmpty() ? null : found.participants().get(0).userId();
            State state = new State(conversationId, found.tenant(), found.subject(), starter, found.createdAt());
            state.updatedAt = found.updatedAt();
            state.messageCount = found.lastSequence();
            state.lastMessageAt = found.lastMessage() == null ? null : found.lastMessage().sentAt();
            for (ParticipantView participant : found.participants()) {
                state.participants.put(participant.userId(), new Member(participant.userId(), participant.role(),
                        participant.joinedAt(), participant.active()));
            }
            states.put(conversationId, state);
            return state;
        }).orElse(null);
    }
}
