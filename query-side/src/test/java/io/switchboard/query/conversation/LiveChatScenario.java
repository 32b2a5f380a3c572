package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;

import java.time.Instant;
import java.util.List;

/**
 * The events of one visitor's live chat in the order the command side emits them (seed 004): the start and first
 * message together, each staff change followed by its participant event. Ids, sequences and the clock are those of
 * {@link ConversationScenario}, a minute per event.
 */
final class LiveChatScenario {

    static final String EMAIL = "visitor@example.com";

    private final ConversationScenario conversation;
    private final Participant visitor;

    LiveChatScenario(String tenant, Participant visitor) {
        this.conversation = new ConversationScenario(tenant, ConversationKind.LIVE_CHAT);
        this.visitor = visitor;
    }

    static Participant visitor(String userId) {
        return new Participant(userId, "Visitor " + userId, Role.VISITOR);
    }

    static Participant agent(String userId) {
        return new Participant(userId, "Agent " + userId, Role.AGENT);
    }

    static Participant supervisor(String userId) {
        return new Participant(userId, "Supervisor " + userId, Role.SUPERVISOR);
    }

    long id() {
        return conversation.id();
    }

    String tenant() {
        return conversation.tenant();
    }

    Participant visitor() {
        return visitor;
    }

    /** The next event happens at {@code time}. */
    LiveChatScenario at(Instant time) {
        conversation.at(time);
        return this;
    }

    /** {@code visitor_first_msg}: the start, then the first message (its content the client's JSON). */
    List<Object> start(String text) {
        return List.of(started(), visitorMessage(text));
    }

    ConversationStarted started() {
        return new ConversationStarted(id(), tenant(), ConversationKind.LIVE_CHAT, null, EMAIL, List.of(visitor),
                visitor.userId(), conversation.tick());
    }

    MessageSent visitorMessage(String text) {
        return conversation.message(visitor, "", "{\"content\":\"" + text + "\"}", List.of());
    }

    MessageSent message(Participant sender, String text) {
        return conversation.message(sender, "", "{\"content\":\"" + text + "\"}", List.of());
    }

    List<Object> claim(Participant staff) {
        return List.of(claimed(staff), joined(staff));
    }

    ChatClaimed claimed(Participant staff) {
        return new ChatClaimed(id(), tenant(), visitor.userId(), staff.userId(), staff.name(), staff.role(),
                conversation.tick());
    }

    /** A take-over by a supervisor not yet in the chat: the replaced staff member leaves, the supervisor joins. */
    List<Object> takeOver(Participant supervisor, Participant replaced) {
        return List.of(takenOver(supervisor, replaced), left(replaced), joined(supervisor));
    }

    ChatTakenOver takenOver(Participant supervisor, Participant replaced) {
        return new ChatTakenOver(id(), tenant(), visitor.userId(), supervisor.userId(), supervisor.name(),
                supervisor.role(), replaced.userId(), conversation.tick());
    }

    List<Object> add(Participant staff, Participant by) {
        return List.of(new StaffAddedToChat(id(), tenant(), visitor.userId(), staff.userId(), staff.name(),
                staff.role(), by.userId(), conversation.tick()), joined(staff));
    }

    List<Object> remove(Participant staff, Participant by) {
        return List.of(new StaffRemovedFromChat(id(), tenant(), visitor.userId(), staff.userId(), by.userId(),
                conversation.tick()), left(staff));
    }

    ChatPriorityChanged priority(Participant by, int severityLevel) {
        return new ChatPriorityChanged(id(), tenant(), visitor.userId(), by.userId(), by.role(), severityLevel,
                conversation.tick());
    }

    VisitorWentOffline offline() {
        return new VisitorWentOffline(id(), tenant(), visitor.userId(), conversation.tick());
    }

    VisitorWentOnline online() {
        return new VisitorWentOnline(id(), tenant(), visitor.userId(), conversation.tick());
    }

    ChatClosed closed(Participant by, ChatClosed.Reason reason) {
        return new ChatClosed(id(), tenant(), visitor.userId(), by.userId(), by.role(), reason, conversation.tick());
    }

    ParticipantJoined joined(Participant participant) {
        return conversation.joined(participant);
    }

    ParticipantLeft left(Participant participant) {
        return conversation.left(participant);
    }
}
