package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.LiveChatScenario.agent;
import static io.switchboard.query.conversation.LiveChatScenario.supervisor;
import static io.switchboard.query.conversation.LiveChatScenario.visitor;
import static org.assertj.core.api.Assertions.assertThat;

/** Who serves a chat and who else is in it, as the supervisors' views and {@code visitor_init} show them. */
@QuerySideTest
class LiveChatStaffTests {

    private final Participant alice = agent("alice");
    private final Participant bob = agent("bob");
    private final Participant carol = agent("carol");
    private final Participant sam = supervisor("sam");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private LiveChatQueryHandler queries;

    @Test
    void theClaimerServesAndIsTheOnlyStaff() {
        LiveChatScenario chat = started();
        List<Object> claim = chat.claim(alice);
        driver.apply(claim);
        ParticipantJoined joined = (ParticipantJoined) claim.get(1);

        LiveChatView view = find(chat);

        ParticipantView aliceView = new ParticipantView(alice.userId(), alice.name(), alice.role(), joined.joinedAt(),
                true);
        assertThat(view.status()).isEqualTo(LiveChatStatus.ASSIGNED);
        assertThat(view.servingStaff()).isEqualTo(aliceView);
        assertThat(view.staff()).containsExactly(aliceView);
        assertThat(view.updatedAt()).isEqualTo(joined.joinedAt());
    }

    @Test
    void untilTheClaimersJoinIsProjectedOnlyTheirIdIsKnown() {
        LiveChatScenario chat = started();
        driver.apply(chat.claimed(alice));

        LiveChatView view = find(chat);

        assertThat(view.status()).isEqualTo(LiveChatStatus.ASSIGNED);
        assertThat(view.servingStaff()).isEqualTo(new ParticipantView(alice.userId(), null, null, null, false));
        assertThat(view.staff()).isEmpty();
    }

    @Test
    void addedStaffFollowTheServingOneInJoinOrderAndRemovedOnesAreGone() {
        LiveChatScenario chat = started();
        driver.apply(chat.claim(alice));
        driver.apply(chat.add(carol, sam));
        driver.apply(chat.add(bob, sam));
        assertThat(staffIds(chat)).containsExactly("alice", "carol", "bob");

        driver.apply(chat.remove(carol, sam));

        assertThat(staffIds(chat)).containsExactly("alice", "bob");
        assertThat(find(chat).servingStaff().userId()).isEqualTo("alice");
    }

    @Test
    void aTakeOverMakesTheSupervisorServeAndTheReplacedStaffLeave() {
        LiveChatScenario chat = started();
        driver.apply(chat.claim(alice));
        driver.apply(chat.add(bob, sam));

        driver.apply(chat.takeOver(sam, alice));

        LiveChatView view = find(chat);
        assertThat(view.servingStaff().userId()).isEqualTo("sam");
        assertThat(view.servingStaff().active()).isTrue();
        assertThat(staffIds(chat)).containsExactly("sam", "bob");
    }

    @Test
    void aSupervisorAlreadyInTheChatTakesOverWithoutJoiningAgain() {
        LiveChatScenario chat = started();
        driver.apply(chat.claim(alice));
        driver.apply(chat.add(bob, sam));
        driver.apply(chat.add(sam, sam));

        driver.apply(chat.takenOver(sam, alice), chat.left(alice));

        assertThat(find(chat).servingStaff().userId()).isEqualTo("sam");
        assertThat(staffIds(chat)).as("serving first, then by join").containsExactly("sam", "bob");
    }

    @Test
    void whenTheServingStaffLeavesTheEarliestJoinedRemainingStaffServes() {
        LiveChatScenario chat = started();
        List<Object> events = new ArrayList<>(chat.claim(alice));
        events.addAll(chat.add(bob, sam));
        events.addAll(chat.add(carol, sam));
        events.add(chat.left(alice));

        driver.apply(events);

        assertThat(find(chat).servingStaff().userId()).isEqualTo("bob");
        assertThat(staffIds(chat)).containsExactly("bob", "carol");
        assertThat(find(chat).status()).isEqualTo(LiveChatStatus.ASSIGNED);
    }

    /** A processor batch is one transaction: the successor is found among the batch's own joins and leaves. */
    @Test
    void theSuccessorIsFoundWithinOneBatch() {
        LiveChatScenario chat = started();
        List<Object> events = new ArrayList<>(chat.claim(alice));
        events.addAll(chat.add(bob, sam));
        events.addAll(chat.add(carol, sam));
        events.add(chat.left(bob));
        events.add(chat.left(alice));

        driver.applyInOneTransaction(events);

        assertThat(find(chat).servingStaff().userId()).isEqualTo("carol");
        assertThat(staffIds(chat)).containsExactly("carol");
    }

    @Test
    void aRejoinedStaffMemberCountsFromTheirLatestJoin() {
        LiveChatScenario chat = started();
        driver.apply(chat.claim(alice));
        driver.apply(chat.add(bob, sam));
        driver.apply(chat.add(carol, sam));
        driver.apply(chat.remove(bob, sam));
        driver.apply(chat.add(bob, sam));

        driver.apply(chat.left(alice));

        assertThat(find(chat).servingStaff().userId()).isEqualTo("carol");
        assertThat(staffIds(chat)).containsExactly("carol", "bob");
    }

    @Test
    void aChatClosedByItsLastStaffLeavingNamesWhoServedLast() {
        LiveChatScenario chat = started();
        driver.apply(chat.claim(alice));

        driver.apply(chat.left(alice), chat.closed(alice, ChatClosed.Reason.STAFF_LEFT));

        LiveChatView view = find(chat);
        assertThat(view.status()).isEqualTo(LiveChatStatus.CLOSED);
        assertThat(view.servingStaff().userId()).isEqualTo("alice");
        assertThat(view.servingStaff().active()).isFalse();
        assertThat(view.staff()).isEmpty();
    }

    @Test
    void theVisitorIsNoStaff() {
        LiveChatScenario chat = started();

        assertThat(find(chat).staff()).isEmpty();
        assertThat(find(chat).servingStaff()).isNull();
    }

    private LiveChatScenario started() {
        LiveChatScenario chat = new LiveChatScenario(newTenant(), visitor("visitor-1"));
        driver.apply(chat.start("hello"));
        return chat;
    }

    private LiveChatView find(LiveChatScenario chat) {
        return queries.handle(new FindLiveChat(chat.tenant(), chat.id())).orElseThrow();
    }

    private List<String> staffIds(LiveChatScenario chat) {
        return find(chat).staff().stream().map(ParticipantView::userId).toList();
    }
}
