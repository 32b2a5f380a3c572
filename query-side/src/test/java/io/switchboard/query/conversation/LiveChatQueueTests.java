package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.FindLiveChatQueue;
import io.switchboard.api.livechat.LiveChatQueue;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.query.QuerySideTest;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.switchboard.query.conversation.ConversationScenario.START;
import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static io.switchboard.query.conversation.LiveChatScenario.agent;
import static io.switchboard.query.conversation.LiveChatScenario.visitor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What {@code staff_init} shows of an organisation's live chats: the two queues and the flagged chats. */
@QuerySideTest
class LiveChatQueueTests {

    private final Participant agent = agent("agent-1");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private LiveChatQueryHandler queries;
    @Autowired
    private QueryGateway queryGateway;
    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Test
    void aStartedChatIsQueuedWithItsMessagesOldestFirst() {
        LiveChatScenario chat = new LiveChatScenario(newTenant(), visitor("visitor-1"));
        driver.apply(chat.at(START).start("hello"));
        driver.apply(chat.visitorMessage("anyone there?"));

        LiveChatQueue queue = queue(chat.tenant());

        assertThat(queue.offlineUnclaimed()).isEmpty();
        assertThat(queue.flagged()).isEmpty();
        LiveChatQueue.QueuedChat queued = queue.unclaimed().get(0);
        assertThat(queue.unclaimed()).hasSize(1);
        assertThat(queued.chat()).isEqualTo(new LiveChatView(chat.id(), chat.tenant(), "visitor-1",
                "Visitor visitor-1", LiveChatScenario.EMAIL, LiveChatStatus.QUEUED, true, 0, null, null, List.of(),
                START, START));
        assertThat(queued.messages()).extracting(MessageView::sequence, MessageView::content).containsExactly(
                tuple(1L, "{\"content\":\"hello\"}"),
                tuple(2L, "{\"content\":\"anyone there?\"}"));
    }

    @Test
    void queuesAreOldestFirstAndFollowTheVisitorsPresence() {
        String tenant = newTenant();
        LiveChatScenario first = startedAt(tenant, "visitor-1", 0);
        LiveChatScenario second = startedAt(tenant, "visitor-2", 10);
        LiveChatScenario third = startedAt(tenant, "visitor-3", 20);
        LiveChatScenario fourth = startedAt(tenant, "visitor-4", 30);

        assertThat(unclaimedIds(tenant)).containsExactly(first.id(), second.id(), third.id(), fourth.id());

        driver.apply(third.at(START.plusSeconds(3600)).offline(), first.at(START.plusSeconds(3660)).offline());
        assertThat(unclaimedIds(tenant)).containsExactly(second.id(), fourth.id());
        assertThat(queue(tenant).offlineUnclaimed()).extracting(LiveChatView::conversationId)
                .as("by start, not by when they went offline").containsExactly(first.id(), third.id());
        assertThat(queue(tenant).offlineUnclaimed()).allSatisfy(chat -> {
            assertThat(chat.visitorOnline()).isFalse();
            assertThat(chat.status()).isEqualTo(LiveChatStatus.QUEUED);
        });

        driver.apply(first.online());
        assertThat(unclaimedIds(tenant)).containsExactly(first.id(), second.id(), fourth.id());
        assertThat(queue(tenant).offlineUnclaimed()).extracting(LiveChatView::conversationId)
                .containsExactly(third.id());
    }

    @Test
    void aClaimedChatLeavesBothQueues() {
        String tenant = newTenant();
        LiveChatScenario online = startedAt(tenant, "visitor-1", 0);
        LiveChatScenario offline = startedAt(tenant, "visitor-2", 1);
        LiveChatScenario waiting = startedAt(tenant, "visitor-3", 2);
        driver.apply(offline.offline());

        driver.apply(online.claim(agent));
        driver.apply(offline.claim(agent));

        assertThat(unclaimedIds(tenant)).containsExactly(waiting.id());
        assertThat(queue(tenant).offlineUnclaimed()).isEmpty();
        assertThat(find(online)).hasValueSatisfying(chat -> {
            assertThat(chat.status()).isEqualTo(LiveChatStatus.ASSIGNED);
            assertThat(chat.servingStaff().userId()).isEqualTo(agent.userId());
        });
    }

    @Test
    void flaggedChatsAreTheFifteenMostRecentlyFlaggedOpenOnes() {
        String tenant = newTenant();
        List<LiveChatScenario> chats = IntStream.range(0, 18)
                .mapToObj(i -> startedAt(tenant, "visitor-" + i, i)).toList();
        // flagged at hours 1..18, in start order, with assorted levels; some claimed, so not only queued ones count
        for (int i = 0; i < chats.size(); i++) {
            LiveChatScenario chat = chats.get(i);
            if (i % 3 == 0) {
                driver.apply(chat.claim(agent));
            }
            driver.apply(chat.at(START.plusSeconds(3600L * (i + 1))).priority(agent, 1 + i % 4));
        }
        LiveChatScenario closed = chats.get(17);
        LiveChatScenario unflagged = chats.get(16);
        driver.apply(closed.closed(closed.visitor(), ChatClosed.Reason.VISITOR_LEFT), unflagged.priority(agent, 0));

        List<LiveChatView> flagged = queue(tenant).flagged();

        assertThat(flagged).hasSize(FindLiveChatQueue.FLAGGED_LIMIT);
        assertThat(flagged).extracting(LiveChatView::conversationId).containsExactlyElementsOf(
                IntStream.iterate(15, i -> i >= 1, i -> i - 1).mapToObj(i -> chats.get(i).id()).toList());
        assertThat(flagged.get(0).flaggedAt()).isEqualTo(START.plusSeconds(3600L * 16));
        assertThat(flagged.get(0).severityLevel()).isEqualTo(1 + 15 % 4);
        assertThat(find(unflagged)).hasValueSatisfying(chat -> {
            assertThat(chat.severityLevel()).isZero();
            assertThat(chat.flaggedAt()).isNull();
        });
    }

    @Test
    void aFlaggedQueuedChatIsInTheQueueAndTheFlaggedList() {
        LiveChatScenario chat = startedAt(newTenant(), "visitor-1", 0);
        driver.apply(chat.priority(staff("anyone"), 2));

        LiveChatQueue queue = queue(chat.tenant());

        assertThat(queue.unclaimed()).singleElement().satisfies(queued -> {
            assertThat(queued.chat().severityLevel()).isEqualTo(2);
            assertThat(queued.chat()).isEqualTo(queue.flagged().get(0));
        });
    }

    @Test
    void theFlagTimeIsWhenTheLevelLastWentAboveZero() {
        LiveChatScenario chat = startedAt(newTenant(), "visitor-1", 0);
        Instant flagged = START.plusSeconds(600);
        driver.apply(chat.at(flagged).priority(agent, 1), chat.priority(agent, 3));
        assertThat(find(chat).orElseThrow()).extracting(LiveChatView::severityLevel, LiveChatView::flaggedAt)
                .containsExactly(3, flagged);

        driver.apply(chat.priority(agent, 0));
        assertThat(find(chat).orElseThrow()).extracting(LiveChatView::severityLevel, LiveChatView::flaggedAt)
                .containsExactly(0, null);
        assertThat(queue(chat.tenant()).flagged()).isEmpty();

        Instant flaggedAgain = START.plusSeconds(7200);
        driver.apply(chat.at(flaggedAgain).priority(agent, 2));
        assertThat(find(chat).orElseThrow().flaggedAt()).isEqualTo(flaggedAgain);
    }

    @Test
    void aClosedChatIsGoneFromEveryList() {
        String tenant = newTenant();
        LiveChatScenario queued = startedAt(tenant, "visitor-1", 0);
        LiveChatScenario offline = startedAt(tenant, "visitor-2", 1);
        LiveChatScenario assigned = startedAt(tenant, "visitor-3", 2);
        driver.apply(queued.priority(agent, 1), offline.offline(), offline.priority(agent, 1));
        driver.apply(assigned.claim(agent));
        driver.apply(assigned.priority(agent, 1));
        assertThat(queue(tenant).flagged()).hasSize(3);

        driver.apply(queued.closed(queued.visitor(), ChatClosed.Reason.VISITOR_LEFT),
                offline.closed(offline.visitor(), ChatClosed.Reason.VISITOR_LEFT),
                assigned.closed(agent, ChatClosed.Reason.STAFF_LEFT), assigned.left(agent));

        assertThat(queue(tenant)).isEqualTo(new LiveChatQueue(List.of(), List.of(), List.of()));
        assertThat(find(assigned)).hasValueSatisfying(chat -> {
            assertThat(chat.status()).isEqualTo(LiveChatStatus.CLOSED);
            assertThat(chat.severityLevel()).as("kept for the record").isEqualTo(1);
        });
    }

    @Test
    void anotherTenantSeesNothing() {
        LiveChatScenario chat = startedAt(newTenant(), "visitor-1", 0);
        driver.apply(chat.priority(agent, 1));

        assertThat(queue(newTenant())).isEqualTo(new LiveChatQueue(List.of(), List.of(), List.of()));
        assertThat(queries.handle(new FindLiveChat(newTenant(), chat.id()))).isEmpty();
        assertThat(find(chat)).isPresent();
    }

    @Test
    void conversationsOfOtherKindsAreNoLiveChats() {
        String tenant = newTenant();
        ConversationScenario direct = new ConversationScenario(tenant, ConversationKind.DIRECT);
        Participant visitor = visitor("visitor-1");
        driver.apply(direct.started(visitor, agent), direct.message(visitor, "hi"), direct.left(agent));

        assertThat(queue(tenant).unclaimed()).isEmpty();
        assertThat(queries.handle(new FindLiveChat(tenant, direct.id()))).isEmpty();
    }

    @Test
    void anUnclaimedChatCarriesItsLatestFiftyMessages() {
        LiveChatScenario chat = startedAt(newTenant(), "visitor-1", 0);
        driver.applyInOneTransaction(IntStream.rangeClosed(2, 70).mapToObj(i -> chat.visitorMessage("m" + i))
                .toList());

        assertThat(queue(chat.tenant()).unclaimed().get(0).messages()).extracting(MessageView::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(21, 70).boxed().toList());
    }

    @Test
    void eachQueueListsAtMostFiveHundredChatsTheOldest() {
        String tenant = newTenant();
        List<LiveChatScenario> chats = IntStream.range(0, LiveChatQueryHandler.QUEUE_LIMIT + 1)
                .mapToObj(i -> new LiveChatScenario(tenant, visitor("visitor-" + i))).toList();
        List<Object> events = new ArrayList<>();
        // the last one started first: the one left out is the newest, whatever the ids
        for (int i = 0; i < chats.size(); i++) {
            events.addAll(chats.get(i).at(START.plusSeconds(chats.size() - i)).start("hello"));
        }
        driver.applyInOneTransaction(events);

        List<LiveChatQueue.QueuedChat> unclaimed = queue(tenant).unclaimed();

        assertThat(unclaimed).hasSize(LiveChatQueryHandler.QUEUE_LIMIT);
        assertThat(unclaimed.get(0).chat().conversationId()).isEqualTo(chats.get(chats.size() - 1).id());
        assertThat(unclaimed).extracting(queued -> queued.chat().conversationId()).doesNotContain(chats.get(0).id());
        assertThat(unclaimed).allSatisfy(queued -> assertThat(queued.messages()).hasSize(1));
    }

    @Test
    void theQueueTakesTheSameNumberOfStatementsWhateverItsSize() {
        assertThat(statementsForAQueueOf(12)).isEqualTo(statementsForAQueueOf(3));
    }

    @Test
    void answersThroughTheQueryGateway() {
        LiveChatScenario chat = startedAt(newTenant(), "visitor-1", 0);

        LiveChatQueue queue = queryGateway.query(new FindLiveChatQueue(chat.tenant()), LiveChatQueue.class).join();
        Optional<LiveChatView> found = queryGateway.query(new FindLiveChat(chat.tenant(), chat.id()),
                ResponseTypes.optionalInstanceOf(LiveChatView.class)).join();
        Optional<LiveChatView> foreign = queryGateway.query(new FindLiveChat(newTenant(), chat.id()),
                ResponseTypes.optionalInstanceOf(LiveChatView.class)).join();

        assertThat(queue.unclaimed()).singleElement().satisfies(queued -> assertThat(queued.chat()).isEqualTo(
                found.orElseThrow()));
        assertThat(foreign).isEmpty();
    }

    /** Every list non-empty and every chat with messages and staff, so only the sizes differ. */
    private long statementsForAQueueOf(int chatsPerList) {
        String tenant = newTenant();
        List<Object> events = new ArrayList<>();
        IntStream.range(0, chatsPerList).forEach(i -> {
            LiveChatScenario online = new LiveChatScenario(tenant, visitor("online-" + i));
            LiveChatScenario offline = new LiveChatScenario(tenant, visitor("offline-" + i));
            LiveChatScenario flagged = new LiveChatScenario(tenant, visitor("flagged-" + i));
            events.addAll(online.start("hello"));
            events.addAll(offline.start("hello"));
            events.add(offline.offline());
            events.addAll(flagged.start("hello"));
            events.addAll(flagged.claim(agent));
            events.add(flagged.priority(agent, 1));
        });
        driver.applyInOneTransaction(events);
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long before = statistics.getPrepareStatementCount();
        LiveChatQueue queue = queue(tenant);
        assertThat(queue.unclaimed()).hasSize(chatsPerList);
        assertThat(queue.offlineUnclaimed()).hasSize(chatsPerList);
        assertThat(queue.flagged()).hasSize(Math.min(chatsPerList, FindLiveChatQueue.FLAGGED_LIMIT));
        return statistics.getPrepareStatementCount() - before;
    }

    private LiveChatScenario startedAt(String tenant, String visitorId, int minute) {
        LiveChatScenario chat = new LiveChatScenario(tenant, visitor(visitorId));
        driver.apply(chat.at(START.plusSeconds(minute * 60L)).start("hello"));
        return chat;
    }

    private LiveChatQueue queue(String tenant) {
        return queries.handle(new FindLiveChatQueue(tenant));
    }

    private List<Long> unclaimedIds(String tenant) {
        return queue(tenant).unclaimed().stream().map(queued -> queued.chat().conversationId()).toList();
    }

    private Optional<LiveChatView> find(LiveChatScenario chat) {
        return queries.handle(new FindLiveChat(chat.tenant(), chat.id()));
    }
}
