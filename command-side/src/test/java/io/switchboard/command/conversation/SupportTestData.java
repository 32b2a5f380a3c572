package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.support.RobotMessageShared;
import io.switchboard.api.support.ShareRobotMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;

/** A support conversation (seed 003) and its robot messages, for the {@code Support*Tests}. */
final class SupportTestData {

    static final String CLIENT_ID = "conv-7f3a";
    static final String KEY = ConversationKeys.support(CLIENT_ID);

    static final AuthenticatedUser CUSTOMER = ConversationTestData.CUSTOMER;
    static final AuthenticatedUser AGENT = ConversationTestData.AGENT;
    static final AuthenticatedUser STAFF = ConversationTestData.STAFF;
    static final AuthenticatedUser SUPERVISOR = ConversationTestData.SUPERVISOR;
    static final AuthenticatedUser ADMIN = AuthenticatedUser.of("admin-1", "Ada Admin", TENANT, Role.ADMIN);
    static final AuthenticatedUser ROBOT = ConversationTestData.ROBOT;
    static final AuthenticatedUser AUDITOR = AuthenticatedUser.of("auditor-1", "Aud", TENANT, Role.AUDITOR);

    /** The robot's first message in {@link #withRobotMessage()}. */
    static final long ROBOT_MESSAGE_ID = 501;

    private SupportTestData() {
    }

    static AuthenticatedUser user(Role role) {
        return AuthenticatedUser.of(role.wireName() + "-9", "Any " + role.wireName(), TENANT, role);
    }

    static StartConversation start(AuthenticatedUser starter, String clientId, AuthenticatedUser... others) {
        return new StartConversation(ConversationKind.SUPPORT, TENANT, clientId,
                Arrays.stream(others).map(ConversationTestData::participant).toList(), starter);
    }

    /** Started by the first of {@code participants} under {@link #CLIENT_ID}. */
    static ConversationStarted started(AuthenticatedUser... participants) {
        return new ConversationStarted(ID, TENANT, ConversationKind.SUPPORT, CLIENT_ID, null,
                Arrays.stream(participants).map(ConversationTestData::participant).toList(),
                participants[0].userId(), NOW);
    }

    /** The customer, an agent and the robot. */
    static ConversationStarted started() {
        return started(CUSTOMER, AGENT, ROBOT);
    }

    static MessageSent robotSent(long messageId, long sequence, String text) {
        return robotSent(messageId, sequence, text, null, List.of());
    }

    static MessageSent robotSent(long messageId, long sequence, String text, String content,
                                 List<Attachment> attachments) {
        return new MessageSent(ID, TENANT, messageId, sequence, ROBOT.userId(), ROBOT.name(), ROBOT.role(),
                MessageType.ROBOT, text, content, attachments, null, NOW);
    }

    static MessageSent sent(long messageId, long sequence, AuthenticatedUser sender, String text) {
        return ConversationTestData.sent(messageId, sequence, sender, text, null);
    }

    /** Started, the customer asked (sequence 1), the robot suggested an answer (501, sequence 2). */
    static List<Object> withRobotMessage() {
        return history(sent(500, 1, CUSTOMER, "My invoice is wrong"),
                robotSent(ROBOT_MESSAGE_ID, 2, "Refunds take 3 days"));
    }

    /** {@link #started()} followed by {@code events}. */
    static List<Object> history(Object... events) {
        List<Object> history = new ArrayList<>();
        history.add(started());
        history.addAll(List.of(events));
        return history;
    }

    static ShareRobotMessage share(AuthenticatedUser agent, long robotMessageId) {
        return new ShareRobotMessage(ID, agent, robotMessageId);
    }

    static RobotMessageShared shared(long robotMessageId, long sharedMessageId, AuthenticatedUser agent) {
        return new RobotMessageShared(ID, TENANT, robotMessageId, sharedMessageId, agent.userId(), NOW);
    }

    /** The visible copy an agent's share sends: TEXT, from the agent, no client message id. */
    static MessageSent sharedCopy(long messageId, long sequence, AuthenticatedUser agent, String text, String content,
                                  List<Attachment> attachments) {
        return new MessageSent(ID, TENANT, messageId, sequence, agent.userId(), agent.name(), agent.role(),
                MessageType.TEXT, text, content, attachments, null, NOW);
    }

    static SendMessage send(AuthenticatedUser sender, MessageType type, String text) {
        return new SendMessage(ID, ConversationKind.SUPPORT, sender, type, text, null, null, null);
    }
}
