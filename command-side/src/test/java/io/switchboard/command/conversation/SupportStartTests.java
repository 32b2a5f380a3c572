package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.support.SupportConversations;
import io.switchboard.command.conversation.ConversationTestData.CountingIds;
import io.switchboard.command.conversation.ConversationTestData.InMemoryKeys;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.participant;
import static io.switchboard.command.conversation.SupportTestData.AGENT;
import static io.switchboard.command.conversation.SupportTestData.AUDITOR;
import static io.switchboard.command.conversation.SupportTestData.CLIENT_ID;
import static io.switchboard.command.conversation.SupportTestData.CUSTOMER;
import static io.switchboard.command.conversation.SupportTestData.KEY;
import static io.switchboard.command.conversation.SupportTestData.ROBOT;
import static io.switchboard.command.conversation.SupportTestData.start;
import static io.switchboard.command.conversation.SupportTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

/** A support conversation is started under a client-chosen id, its natural key, by a customer, agent or supervisor. */
class SupportStartTests {

    private final InMemoryKeys keys = new InMemoryKeys();
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = ConversationTestData.fixture(new CountingIds(), keys);
    }

    @Test
    void aCustomerStartsOneUnderItsClientIdWhichBecomesTheSubjectAndTheKey() {
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, CLIENT_ID, AGENT, ROBOT))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.SUPPORT, CLIENT_ID, null,
                        List.of(participant(CUSTOMER), participant(AGENT), participant(ROBOT)),
                        CUSTOMER.userId(), NOW))
                .expectResultMessagePayload(ID);
        assertThat(keys.find(TENANT, KEY)).contains(ID);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"CUSTOMER", "AGENT", "STAFF", "SUPERVISOR", "ADMIN"})
    void customersAgentsSupervisorsAndAdminsStartOne(Role role) {
        fixture.givenNoPriorActivity()
                .when(start(user(role), CLIENT_ID))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ROBOT", "VISITOR", "GUEST", "AUDITOR"})
    void robotsVisitorsGuestsAndAuditorsDoNotStartOneAndClaimNothing(Role role) {
        fixture.givenNoPriorActivity()
                .when(start(user(role), CLIENT_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n"})
    void theClientIdIsRequiredAndNotBlank(String clientId) {
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, clientId))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
    }

    @Test
    void theClientIdIsLimited() {
        String longest = "c".repeat(SupportConversations.MAX_CLIENT_ID_LENGTH);
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, longest + "c"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, longest))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.find(TENANT, ConversationKeys.support(longest))).contains(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\uD800", "\uDC00", "\uFFFF", "\uFDD0"})
    void theClientIdIsValidText(String bad) {
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, "conv" + bad))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
    }

    @Test
    void theClientIdIsKeptExactly() {
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, " Conv-7F3A "))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.SUPPORT, " Conv-7F3A ", null,
                        List.of(participant(CUSTOMER)), CUSTOMER.userId(), NOW));
        assertThat(keys.find(TENANT, ConversationKeys.support(" Conv-7F3A "))).contains(ID);
        assertThat(keys.find(TENANT, ConversationKeys.support("Conv-7F3A"))).isEmpty();
    }

    @Test
    void aSecondStartForTheSameClientIdIsRefusedNamingTheExistingConversation() {
        keys.claim(TENANT, KEY, 7L);
        fixture.givenNoPriorActivity()
                .when(start(AGENT, CLIENT_ID))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_EXISTS)
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && Long.valueOf(7).equals(rejected.conversationId())));
    }

    @Test
    void theSameClientIdInAnotherTenantIsAnotherConversation() {
        keys.claim("galway", KEY, 7L);
        fixture.givenNoPriorActivity()
                .when(start(CUSTOMER, CLIENT_ID))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.find(TENANT, KEY)).contains(ID);
    }

    @Test
    void participantsListedAtTheStartAreCustomersAgentsSupervisorsOrRobots() {
        for (AuthenticatedUser outsider : List.of(user(Role.VISITOR), user(Role.GUEST), AUDITOR)) {
            fixture.givenNoPriorActivity()
                    .when(start(AGENT, CLIENT_ID, CUSTOMER, outsider))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        }
        assertThat(keys.find(TENANT, KEY)).isEmpty();
        fixture.givenNoPriorActivity()
                .when(start(AGENT, CLIENT_ID, CUSTOMER, ROBOT, user(Role.SUPERVISOR), user(Role.STAFF)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aStartWithAFirstMessageAnswersItsMessageAccepted() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, CLIENT_ID, List.of(), CUSTOMER,
                        new FirstMessage(MessageType.TEXT, "My invoice is wrong", null, null, "c-1")))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.SUPPORT, CLIENT_ID, null,
                                List.of(participant(CUSTOMER)), CUSTOMER.userId(), NOW),
                        ConversationTestData.sent(FIRST_MESSAGE_ID, 1, CUSTOMER, "My invoice is wrong", "c-1"))
                .expectResultMessagePayload(new MessageAccepted(ID, FIRST_MESSAGE_ID, 1, NOW, false));
    }

    @Test
    void aRefusedFirstMessageRefusesTheStartAndClaimsNothing() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, CLIENT_ID, List.of(), CUSTOMER,
                        new FirstMessage(MessageType.ROBOT, "beep", null, null, null)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }
}
