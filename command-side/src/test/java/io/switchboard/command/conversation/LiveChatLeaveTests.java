package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.RemoveStaffFromChat;
import io.switchboard.api.livechat.TakeOverChat;
import io.switchboard.command.conversation.ConversationTestData.CountingIds;
import io.switchboard.command.conversation.ConversationTestData.InMemoryKeys;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.LiveChatTestData.ADMIN;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT_2;
import static io.switchboard.command.conversation.LiveChatTestData.KEY;
import static io.switchboard.command.conversation.LiveChatTestData.OTHER_VISITOR;
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
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.takenOver;
import static io.switchboard.command.conversation.LiveChatTestData.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaving: the leaver's {@code ParticipantLeft} always comes first; the visitor leaving, or the last staff member,
 * closes the chat ({@code ChatClosed}) and releases the visitor's key.
 */
class LiveChatLeaveTests {

    private final InMemoryKeys keys = new InMemoryKeys();
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = ConversationTestData.fixture(new CountingIds(), keys);
        // what the chat's start claimed
        keys.claim(TENANT, KEY, ID);
    }

    private static LeaveChat leave(AuthenticatedUser user) {
        return new LeaveChat(ID, user, false);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theVisitorLeavingAQueuedChatClosesItAndFreesTheirKey(boolean disconnected) {
        fixture.given(started())
                .when(new LeaveChat(ID, VISITOR, disconnected))
                .expectEvents(left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT));
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }

    @Test
    void theVisitorLeavingAClaimedChatClosesItWhateverStaffAreIn() {
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(leave(VISITOR))
                .expectEvents(left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT));
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theLastStaffMemberLeavingClosesTheChatAndFreesTheKey(boolean disconnected) {
        fixture.given(claimedBy(AGENT))
                .when(new LeaveChat(ID, AGENT, disconnected))
                .expectEvents(left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT));
        assertThat(keys.find(TENANT, KEY)).isEmpty();
    }

    @Test
    void anAddedStaffMemberLeavesAndTheChatGoesOnWithTheServingOne() {
        fixture.given(history(claimedBy(AGENT), added(AGENT_2)))
                .when(leave(AGENT_2))
                .expectEvents(left(AGENT_2));
        assertThat(keys.find(TENANT, KEY)).contains(ID);
        fixture.given(history(claimedBy(AGENT), added(AGENT_2), left(AGENT_2)))
                .when(leave(AGENT))
                .expectEvents(left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT));
    }

    @Test
    void whenTheServingStaffMemberLeavesTheEarliestAddedStaffMemberServes() {
        List<Object> chat = history(claimedBy(AGENT), added(STAFF), added(AGENT_2));
        fixture.given(chat)
                .when(leave(AGENT))
                .expectEvents(left(AGENT));
        assertThat(keys.find(TENANT, KEY)).contains(ID);

        List<Object> afterLeave = history(chat, left(AGENT));
        // STAFF serves now: a take-over replaces them, and they cannot be removed
        fixture.given(afterLeave)
                .when(new TakeOverChat(ID, ADMIN))
                .expectEvents(takenOver(ADMIN, STAFF), left(STAFF), joined(ADMIN));
        fixture.given(afterLeave)
                .when(new RemoveStaffFromChat(ID, SUPERVISOR, STAFF.userId()))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        // and the next serving one after them is AGENT_2, the last: their leaving closes the chat
        fixture.given(history(afterLeave, left(STAFF)))
                .when(leave(AGENT_2))
                .expectEvents(left(AGENT_2), closed(AGENT_2, ChatClosed.Reason.STAFF_LEFT));
    }

    @Test
    void someoneNotInTheChatCannotLeaveIt() {
        fixture.given(started())
                .when(leave(AGENT))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        for (var notInIt : List.of(OTHER_VISITOR, AGENT_2, user(Role.CUSTOMER),
                // a non-staff token with the serving staff member's id is not them
                AuthenticatedUser.of(AGENT.userId(), "Imposter", TENANT, Role.VISITOR))) {
            fixture.given(claimedBy(AGENT))
                    .when(leave(notInIt))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        }
        fixture.given(history(claimedBy(AGENT), takenOver(SUPERVISOR, AGENT), left(AGENT), joined(SUPERVISOR)))
                .when(leave(AGENT))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
        assertThat(keys.find(TENANT, KEY)).contains(ID);
    }

    @Test
    void aClosedChatIsNotLeftAgain() {
        fixture.given(started(), left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT))
                .when(leave(VISITOR))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
        fixture.given(history(claimedBy(AGENT), left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT)))
                .when(leave(VISITOR))
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void nobodySendsToAClosedChat() {
        List<Object> closedChat = history(claimedBy(AGENT), left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT));
        fixture.given(closedChat)
                .when(send(VISITOR, "hello?"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
        fixture.given(closedChat)
                .when(send(AGENT, "one more thing"))
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void theSharedLeaveConversationFollowsTheLiveChatRules() {
        fixture.given(claimedBy(AGENT))
                .when(new LeaveConversation(ID, ConversationKind.LIVE_CHAT, AGENT))
                .expectEvents(left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT));
        assertThat(keys.find(TENANT, KEY)).isEmpty();
        fixture.given(started())
                .when(new LeaveConversation(ID, null, OTHER_VISITOR))
                .expectExceptionDetails(ErrorCode.NOT_PARTICIPANT);
    }

    @Test
    void onceClosedTheVisitorStartsANewChat() {
        fixture.given(started())
                .when(leave(VISITOR))
                .expectSuccessfulHandlerExecution();
        CountingIds ids = new CountingIds();
        ids.nextConversationId();
        ConversationTestData.fixture(ids, keys).givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.LIVE_CHAT, TENANT, null, List.of(), VISITOR,
                        new FirstMessage(MessageType.TEXT, "me again", null, null, null)))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.find(TENANT, KEY)).contains(ID + 1);
    }

    @Test
    void aCloseReleasesOnlyItsOwnClaim() {
        // the key held by a newer chat (it cannot happen through these rules, but a release must never free it)
        keys.release(TENANT, KEY, ID);
        keys.claim(TENANT, KEY, ID + 1);
        fixture.given(started())
                .when(leave(VISITOR))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.find(TENANT, KEY)).contains(ID + 1);
    }
}
