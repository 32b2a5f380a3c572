package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.participant;

/** Users and event histories of one live chat ({@link ConversationTestData#ID}), for the live-chat rule tests. */
final class LiveChatTestData {

    static final AuthenticatedUser VISITOR =
            new AuthenticatedUser("visitor-1", "Vi Visitor", "vi@example.com", TENANT, Role.VISITOR, null, null);
    static final AuthenticatedUser OTHER_VISITOR = AuthenticatedUser.of("visitor-2", "Vo Visitor", TENANT, Role.VISITOR);
    static final AuthenticatedUser AGENT = ConversationTestData.AGENT;
    static final AuthenticatedUser AGENT_2 = AuthenticatedUser.of("agent-2", "Ada Agent", TENANT, Role.AGENT);
    static final AuthenticatedUser STAFF = ConversationTestData.STAFF;
    static final AuthenticatedUser SUPERVISOR = ConversationTestData.SUPERVISOR;
    static final AuthenticatedUser ADMIN = AuthenticatedUser.of("admin-1", "Ad Min", TENANT, Role.ADMIN);
    static final String KEY = ConversationKeys.liveChat(VISITOR.userId());

    private LiveChatTestData() {
    }

    /** A user of the tenant with {@code role} and an id of its own. */
    static AuthenticatedUser user(Role role) {
        return AuthenticatedUser.of(role.wireName() + "-7", "Any " + role.wireName(), TENANT, role);
    }

    static ConversationStarted started() {
        return new ConversationStarted(ID, TENANT, ConversationKind.LIVE_CHAT, null, VISITOR.email(),
                List.of(participant(VISITOR)), VISITOR.userId(), NOW);
    }

    /** The chat as {@code staff} claimed it: queued, then claimed, then joined. */
    static List<Object> claimedBy(AuthenticatedUser staff) {
        return List.of(started(), claimed(staff), joined(staff));
    }

    static ChatClaimed claimed(AuthenticatedUser staff) {
        return new ChatClaimed(ID, TENANT, VISITOR.userId(), staff.userId(), staff.name(), staff.role(), NOW);
    }

    static ChatTakenOver takenOver(AuthenticatedUser supervisor, AuthenticatedUser replaced) {
        return new ChatTakenOver(ID, TENANT, VISITOR.userId(), supervisor.userId(), supervisor.name(),
                supervisor.role(), replaced.userId(), NOW);
    }

    /** {@code staff} added by {@link #SUPERVISOR}, and joined. */
    static List<Object> added(AuthenticatedUser staff) {
        return List.of(new StaffAddedToChat(ID, TENANT, VISITOR.userId(), staff.userId(), staff.name(), staff.role(),
                SUPERVISOR.userId(), NOW), joined(staff));
    }

    static ChatClosed closed(AuthenticatedUser closer, ChatClosed.Reason reason) {
        return new ChatClosed(ID, TENANT, VISITOR.userId(), closer.userId(), closer.role(), reason, NOW);
    }

    static VisitorWentOffline wentOffline() {
        return new VisitorWentOffline(ID, TENANT, VISITOR.userId(), NOW);
    }

    static VisitorWentOnline wentOnline() {
        return new VisitorWentOnline(ID, TENANT, VISITOR.userId(), NOW);
    }

    static ParticipantJoined joined(AuthenticatedUser user) {
        return ConversationTestData.joined(user);
    }

    static ParticipantLeft left(AuthenticatedUser user) {
        return new ParticipantLeft(ID, TENANT, user.userId(), user.role(), NOW);
    }

    static SendMessage send(AuthenticatedUser sender, String text) {
        return new SendMessage(ID, ConversationKind.LIVE_CHAT, sender, null, text, null, null, null);
    }

    static MessageSent sent(long messageId, long sequence, AuthenticatedUser sender, String text) {
        return sent(messageId, sequence, sender, text, null);
    }

    static MessageSent sent(long messageId, long sequence, AuthenticatedUser sender, String text,
                            String clientMessageId) {
        return ConversationTestData.sent(messageId, sequence, sender, text, clientMessageId);
    }

    /** Events and lists of events, in order, as one history for {@code given}. */
    static List<Object> history(Object... parts) {
        List<Object> events = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Collection<?> many) {
                events.addAll(many);
            } else {
                events.add(part);
            }
        }
        return events;
    }
}
