package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.AddStaffToChat;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.RemoveStaffFromChat;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.IntStream;

import static io.switchboard.api.livechat.AddStaffToChat.MAX_STAFF_PER_CHAT;
import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.participant;
import static io.switchboard.command.conversation.LiveChatTestData.ADMIN;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT_2;
import static io.switchboard.command.conversation.LiveChatTestData.STAFF;
import static io.switchboard.command.conversation.LiveChatTestData.SUPERVISOR;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.added;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static io.switchboard.command.conversation.LiveChatTestData.closed;
import static io.switchboard.command.conversation.LiveChatTestData.history;
import static io.switchboard.command.conversation.LiveChatTestData.joined;
import static io.switchboard.command.conversation.LiveChatTestData.left;
import static io.switchboard.command.conversation.LiveChatTestData.send;
import static io.switchboard.command.conversation.LiveChatTestData.sent;
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.user;

/** Supervisors and admins add staff to a claimed chat and remove them. */
class LiveChatStaffTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    private static AddStaffToChat add(AuthenticatedUser supervisor, AuthenticatedUser staff) {
        return new AddStaffToChat(ID, supervisor, participant(staff));
    }

    private static StaffAddedToChat staffAdded(AuthenticatedUser staff, AuthenticatedUser by) {
        return new StaffAddedToChat(ID, TENANT, VISITOR.userId(), staff.userId(), staff.name(), staff.role(),
                by.userId(), NOW);
    }

    private static StaffRemovedFromChat staffRemoved(AuthenticatedUser staff, AuthenticatedUser by) {
        return new StaffRemovedFromChat(ID, TENANT, VISITOR.userId(), staff.userId(), by.userId(), NOW);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"SUPERVISOR", "ADMIN"})
    void aSupervisorOrAdminAddsStaffWhoJoin(Role role) {
        AuthenticatedUser supervisor = user(role);
        fixture.given(claimedBy(AGENT))
                .when(add(supervisor, AGENT_2))
                .expectEvents(staffAdded(AGENT_2, supervisor), joined(AGENT_2));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"STAFF", "AGENT", "VISITOR", "CUSTOMER", "GUEST", "ROBOT", "AUDITOR"})
    void onlySupervisorsAndAdminsAddOrRemoveStaff(Role role) {
        fixture.given(claimedBy(AGENT))
                .when(add(user(role), AGENT_2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(new RemoveStaffFromChat(ID, user(role), AGENT_2.userId()))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void staffAreAddedToAndRemovedFromAClaimedChatOnly() {
        fixture.given(started())
                .when(add(SUPERVISOR, AGENT_2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CHAT_NOT_CLAIMED);
        fixture.given(started())
                .when(new RemoveStaffFromChat(ID, SUPERVISOR, AGENT_2.userId()))
                .expectExceptionDetails(ErrorCode.CHAT_NOT_CLAIMED);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"VISITOR", "CUSTOMER", "GUEST", "ROBOT", "AUDITOR"})
    void onlyStaffAreAdded(Role role) {
        fixture.given(claimedBy(AGENT))
                .when(add(SUPERVISOR, user(role)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void anAddedStaffMemberNeedsAnIdOfValidText() {
        for (Participant invalid : new Participant[]{null, new Participant(null, "No id", Role.AGENT),
                new Participant(" ", "Blank", Role.AGENT),
                new Participant("agent-\u0000", "Nul", Role.AGENT), new Participant("agent-5", "x".repeat(256),
                Role.AGENT), new Participant("agent-5", "Roleless", null)}) {
            fixture.given(claimedBy(AGENT))
                    .when(new AddStaffToChat(ID, SUPERVISOR, invalid))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        }
    }

    @Test
    void addingSomeoneAlreadyInTheChatAddsNothing() {
        fixture.given(claimedBy(AGENT))
                .when(add(SUPERVISOR, AGENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(add(ADMIN, AGENT_2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChatHasAtMostMaxStaffPerChatTheServingOneIncluded() {
        List<AuthenticatedUser> more = IntStream.rangeClosed(1, MAX_STAFF_PER_CHAT - 1)
                .mapToObj(i -> AuthenticatedUser.of("agent-x" + i, "Agent " + i, TENANT, Role.AGENT)).toList();
        List<Object> full = history(claimedBy(AGENT));
        more.forEach(staff -> full.addAll(added(staff)));
        fixture.given(full)
                .when(add(SUPERVISOR, AGENT_2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TOO_MANY_STAFF);
        // one fewer: room for one more
        fixture.given(full.subList(0, full.size() - 2))
                .when(add(SUPERVISOR, AGENT_2))
                .expectEvents(staffAdded(AGENT_2, SUPERVISOR), joined(AGENT_2));
    }

    @Test
    void aFullChatStillAcceptsSomeoneAlreadyInItAsANoOp() {
        List<Object> full = history(claimedBy(AGENT));
        IntStream.rangeClosed(1, MAX_STAFF_PER_CHAT - 1).forEach(i ->
                full.addAll(added(AuthenticatedUser.of("agent-x" + i, "Agent " + i, TENANT, Role.AGENT))));
        fixture.given(full)
                .when(add(SUPERVISOR, AGENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSupervisorRemovesAddedStaffWhoLeave() {
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(new RemoveStaffFromChat(ID, ADMIN, AGENT_2.userId()))
                .expectEvents(staffRemoved(AGENT_2, ADMIN), left(AGENT_2));
    }

    @Test
    void theServingStaffMemberIsTakenOverNotRemoved() {
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(new RemoveStaffFromChat(ID, SUPERVISOR, AGENT.userId()))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void removingSomeoneNotInTheChatIsRefused() {
        List<Object> chat = history(claimedBy(AGENT), added(AGENT_2), added(STAFF));
        for (String notStaffInIt : new String[]{"agent-7", VISITOR.userId(), SUPERVISOR.userId(), null}) {
            fixture.given(chat)
                    .when(new RemoveStaffFromChat(ID, SUPERVISOR, notStaffInIt))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        }
        fixture.given(history(chat, staffRemoved(STAFF, SUPERVISOR), left(STAFF)))
                .when(new RemoveStaffFromChat(ID, SUPERVISOR, STAFF.userId()))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void aRemovedStaffMemberNoLongerSendsAndMayBeAddedAgain() {
        List<Object> removed = history(claimedBy(AGENT), added(AGENT_2), staffRemoved(AGENT_2, SUPERVISOR),
                left(AGENT_2));
        fixture.given(removed)
                .when(send(AGENT_2, "hello?"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        fixture.given(removed)
                .when(add(SUPERVISOR, AGENT_2))
                .expectEvents(staffAdded(AGENT_2, SUPERVISOR), joined(AGENT_2));
    }

    @Test
    void addedStaffSendToTheChat() {
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(send(AGENT_2, "Joining in"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 1, AGENT_2, "Joining in"));
    }

    @Test
    void aClosedChatTakesNoStaffChanges() {
        List<Object> closedChat = history(claimedBy(AGENT), added(AGENT_2), left(VISITOR),
                closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT));
        fixture.given(closedChat)
                .when(add(SUPERVISOR, STAFF))
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
        fixture.given(closedChat)
                .when(new RemoveStaffFromChat(ID, SUPERVISOR, AGENT_2.userId()))
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }
}
