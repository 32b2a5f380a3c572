package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.joined;
import static io.switchboard.command.conversation.SupportTestData.AGENT;
import static io.switchboard.command.conversation.SupportTestData.CUSTOMER;
import static io.switchboard.command.conversation.SupportTestData.ROBOT;
import static io.switchboard.command.conversation.SupportTestData.SUPERVISOR;
import static io.switchboard.command.conversation.SupportTestData.robotSent;
import static io.switchboard.command.conversation.SupportTestData.send;
import static io.switchboard.command.conversation.SupportTestData.sent;
import static io.switchboard.command.conversation.SupportTestData.started;
import static io.switchboard.command.conversation.SupportTestData.user;

/**
 * Who joins, sends to and reads a support conversation: customers, agents, supervisors and robots of the tenant;
 * robots send robot messages only.
 */
class SupportParticipationTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static JoinConversation join(AuthenticatedUser user) {
        return new JoinConversation(ID, ConversationKind.SUPPORT, user);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CUSTOMER", "AGENT", "STAFF", "SUPERVISOR", "ADMIN", "ROBOT"})
    void customersAgentsSupervisorsAdminsAndRobotsOfTheTenantJoin(Role role) {
        fixture.given(started(AGENT))
                .when(join(user(role)))
                .expectEvents(joined(user(role)));
    }

    @Test
    void anotherCustomerDoesNotJoinACustomersConversation() {
        fixture.given(started(CUSTOMER))
                .when(join(user(Role.CUSTOMER)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void anotherCustomerDoesNotSendToACustomersConversation() {
        fixture.given(started(CUSTOMER))
                .when(send(user(Role.CUSTOMER), null, "Let me in"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VISITOR", "GUEST", "AUDITOR"})
    void visitorsGuestsAndAuditorsDoNotJoin(Role role) {
        fixture.given(started(CUSTOMER))
                .when(join(user(role)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void nobodyOfAnotherTenantJoins() {
        fixture.given(started(CUSTOMER))
                .when(join(FOREIGN_STAFF))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void anActiveParticipantSends() {
        fixture.given(started(CUSTOMER, AGENT))
                .when(send(AGENT, null, "Let me check"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT, "Let me check"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 1, NOW, false));
    }

    @Test
    void anAllowedUserWhoIsNotAParticipantJoinsBySending() {
        fixture.given(started(CUSTOMER))
                .when(send(SUPERVISOR, MessageType.TEXT, "I'll take this"))
                .expectEvents(joined(SUPERVISOR), sent(FIRST_MESSAGE_ID, 1, SUPERVISOR, "I'll take this"));
    }

    @Test
    void aRobotWhoIsNotAParticipantJoinsBySendingARobotMessage() {
        fixture.given(started(CUSTOMER))
                .when(send(ROBOT, MessageType.ROBOT, "Suggested: refund"))
                .expectEvents(joined(ROBOT), robotSent(FIRST_MESSAGE_ID, 1, "Suggested: refund"));
    }

    @Test
    void aParticipantWhoLeftRejoinsBySending() {
        fixture.given(started(CUSTOMER, AGENT), new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(send(AGENT, null, "Back again"))
                .expectEvents(joined(AGENT), sent(FIRST_MESSAGE_ID, 1, AGENT, "Back again"));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VISITOR", "GUEST", "AUDITOR"})
    void visitorsGuestsAndAuditorsDoNotSend(Role role) {
        fixture.given(started(CUSTOMER))
                .when(send(user(role), null, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void aTokenOfAnotherRoleWithAParticipantsIdDoesNotSend() {
        AuthenticatedUser impostor = AuthenticatedUser.of(CUSTOMER.userId(), CUSTOMER.name(), TENANT, Role.VISITOR);
        fixture.given(started(CUSTOMER))
                .when(send(impostor, null, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void nobodyOfAnotherTenantSends() {
        fixture.given(started(CUSTOMER))
                .when(send(FOREIGN_STAFF, null, "hi"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @ParameterizedTest
    @NullSource
    @EnumSource(value = MessageType.class, names = {"TEXT", "SYSTEM"})
    void robotsSendOnlyRobotMessages(MessageType type) {
        fixture.given(started(CUSTOMER, ROBOT))
                .when(send(ROBOT, type, "Hello, I am a robot"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CUSTOMER", "AGENT", "SUPERVISOR"})
    void onlyRobotsSendRobotMessages(Role role) {
        fixture.given(started(CUSTOMER, user(role)))
                .when(send(user(role), MessageType.ROBOT, "beep"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void anAllowedUserMarksReadAndAnOutsiderDoesNot() {
        fixture.given(started(CUSTOMER), sent(500, 1, CUSTOMER, "Hello?"))
                .when(new MarkConversationRead(ID, ConversationKind.SUPPORT, AGENT, 1))
                .expectEvents(new ConversationRead(ID, TENANT, AGENT.userId(), AGENT.role(), 1, NOW));
        fixture.given(started(CUSTOMER), sent(500, 1, CUSTOMER, "Hello?"))
                .when(new MarkConversationRead(ID, ConversationKind.SUPPORT, user(Role.VISITOR), 1))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }
}
