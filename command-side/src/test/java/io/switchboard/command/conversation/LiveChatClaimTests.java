package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ClaimChat;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT_2;
import static io.switchboard.command.conversation.LiveChatTestData.VISITOR;
import static io.switchboard.command.conversation.LiveChatTestData.claimed;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static io.switchboard.command.conversation.LiveChatTestData.closed;
import static io.switchboard.command.conversation.LiveChatTestData.history;
import static io.switchboard.command.conversation.LiveChatTestData.joined;
import static io.switchboard.command.conversation.LiveChatTestData.left;
import static io.switchboard.command.conversation.LiveChatTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.user;
import static io.switchboard.command.conversation.LiveChatTestData.wentOffline;
import static org.hamcrest.Matchers.containsString;

class LiveChatClaimTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"STAFF", "AGENT", "SUPERVISOR", "ADMIN"})
    void anyStaffRoleClaimsAQueuedChatAndJoinsIt(Role role) {
        AuthenticatedUser staff = user(role);
        fixture.given(started())
                .when(new ClaimChat(ID, staff))
                .expectEvents(claimed(staff), joined(staff));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"GUEST", "VISITOR", "CUSTOMER", "ROBOT", "AUDITOR"})
    void otherRolesMayNotClaim(Role role) {
        fixture.given(started())
                .when(new ClaimChat(ID, user(role)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void aClaimedChatIsNotClaimedAgainByAnyone() {
        fixture.given(claimedBy(AGENT))
                .when(new ClaimChat(ID, AGENT_2))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CHAT_ALREADY_CLAIMED)
                .expectExceptionMessage(containsString("already claimed"));
    }

    @Test
    void theClaimerClaimingAgainIsRefusedAlikeNotIgnored() {
        // A retried claim must not read as a second win: the realtime side would announce the claim twice.
        fixture.given(claimedBy(AGENT))
                .when(new ClaimChat(ID, AGENT))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CHAT_ALREADY_CLAIMED)
                .expectExceptionMessage(containsString("already claimed"));
    }

    @Test
    void aClosedChatIsNotClaimed() {
        fixture.given(started(), left(VISITOR), closed(VISITOR, ChatClosed.Reason.VISITOR_LEFT))
                .when(new ClaimChat(ID, AGENT))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
        fixture.given(history(claimedBy(AGENT), left(AGENT), closed(AGENT, ChatClosed.Reason.STAFF_LEFT)))
                .when(new ClaimChat(ID, AGENT_2))
                .expectExceptionDetails(ErrorCode.CONVERSATION_CLOSED);
    }

    @Test
    void staffOfAnotherTenantCannotReachTheChat() {
        fixture.given(started())
                .when(new ClaimChat(ID, FOREIGN_STAFF))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void anOfflineVisitorsQueuedChatIsClaimed() {
        // seed 004's offline unclaimed chats are claimed like the others
        fixture.given(started(), wentOffline())
                .when(new ClaimChat(ID, AGENT))
                .expectEvents(claimed(AGENT), joined(AGENT));
    }
}
