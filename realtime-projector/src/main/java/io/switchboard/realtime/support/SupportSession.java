package io.switchboard.realtime.support;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.realtime.hub.HubConnection;
import io.switchboard.realtime.hub.HubSession;
import io.switchboard.realtime.hub.Room;
import io.switchboard.realtime.socketio.SocketIoClient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One support connection: its rooms' {@code new_message}, {@code user_joined}, {@code user_left}, {@code user_typing},
 * and, after {@code join_dashboard}, the dashboard's events. Customers never receive robot messages.
 */
final class SupportSession implements HubSession {

    private final SocketIoClient client;
    private final AuthenticatedUser me;
    private final SupportDirectory directory;
    private HubConnection connection;

    SupportSession(SocketIoClient client, SupportDirectory directory) {
        this.client = client;
        this.me = client.user();
        this.directory = directory;
    }

    void open(HubConnection connection) {
        this.connection = connection;
    }

    HubConnection connection() {
        return connection;
    }

    AuthenticatedUser user() {
        return me;
    }

    @Override
    public String tenant() {
        return me.tenant();
    }

    @Override
    public String userId() {
        return me.userId();
    }

    static Room room(String tenant, String clientId) {
        return new Room(tenant, "support:" + clientId);
    }

    @Override
    public CompletionStage<?> onMessage(MessageSent message) {
        if (message.type() == MessageType.ROBOT && me.role() == Role.CUSTOMER) {
            return DONE;
        }
        SupportDirectory.State state = directory.at(message);
        if (state != null) {
            client.emit("new_message", SupportPayloads.message(message.messageId(), state.clientId,
                    message.senderId(), message.senderRole(), message.text(), message.type(), message.sentAt(),
                    message.sequence(), state.sharedFrom.get(message.messageId())));
        }
        return DONE;
    }

    @Override
    public CompletionStage<?> onSubscribedEvent(Object event) {
        SupportDirectory.State state = directory.at(event);
        if (state == null) {
            return DONE;
        }
        if (event instanceof ParticipantJoined joined) {
            client.emit("user_joined", Map.of("conversationId", state.clientId,
                    "participant", SupportPayloads.participant(joined.userId(), joined.role(), joined.joinedAt())));
        } else if (event instanceof ParticipantLeft left) {
            client.emit("user_left", Map.of("conversationId", state.clientId, "userId", left.userId()));
        }
        return DONE;
    }

    /** Dashboard events (agents and supervisors who joined the dashboard). */
    @Override
    public CompletionStage<?> onWatchedEvent(Object event) {
        SupportDirectory.State state = directory.at(event);
        if (state == null) {
            return DONE;
        }
        String now = Instant.now().toString();
        if (event instanceof ConversationStarted started) {
            List<Object> initial = started.participants().stream().map(participant -> (Object) SupportPayloads
                    .participant(participant.userId(), participant.role(), started.startedAt())).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversation", SupportPayloads.conversation(state));
            data.put("createdBy", started.startedBy());
            data.put("initialParticipants", initial);
            data.put("timestamp", now);
            client.emit("conversation_created", data);
        } else if (event instanceof MessageSent message) {
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("messageCount", state.messageCount);
            changes.put("lastMessageAt", message.sentAt().toString());
            changes.put("updatedAt", state.updatedAt.toString());
            client.emit("conversation_updated", Map.of("conversationId", state.clientId, "changes", changes,
                    "timestamp", now));
        } else if (event instanceof ParticipantJoined joined) {
            client.emit("conversation_participant_added", Map.of("conversationId", state.clientId,
                    "participant", SupportPayloads.participant(joined.userId(), joined.role(), joined.joinedAt()),
                    "action", "added", "timestamp", now));
        } else if (event instanceof ParticipantLeft left) {
            SupportDirectory.Member member = state.participants.get(left.userId());
            client.emit("conversation_participant_removed", Map.of("conversationId", state.clientId,
                    "participant", SupportPayloads.participant(left.userId(), left.role(),
                            member == null ? null : member.joinedAt()),
                    "action", "removed", "timestamp", now));
        }
        return DONE;
    }

    @Override
    public void onSignal(Room room, String userId, String signal, boolean active) {
        if (userId.equals(me.userId()) || !signal.startsWith("typing:")) {
            return;
        }
        String userName = signal.substring("typing:".length()); // the room names the conversation
        String clientId = room.key().substring("support:".length());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", clientId);
        data.put("userId", userId);
        data.put("userName", userName);
        data.put("isTyping", active);
        client.emit("user_typing", data);
    }

    @Override
    public void onOverflow() {
        client.disconnect();
    }
}
