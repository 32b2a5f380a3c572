package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.LiveChatScenario.agent;
import static io.switchboard.query.conversation.LiveChatScenario.supervisor;
import static io.switchboard.query.conversation.LiveChatScenario.visitor;
import static org.assertj.core.api.Assertions.assertThat;

/** At-least-once delivery and replays: the same events, however often and from wherever redelivered, give one row. */
@QuerySideTest
class LiveChatProjectionTests {

    private final Participant visitor = visitor("visitor-1");
    private final Participant alice = agent("alice");
    private final Participant bob = agent("bob");
    private final Participant carol = agent("carol");
    private final Participant sam = supervisor("sam");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private LiveChatQueryHandler queries;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyEventTwiceLeavesTheSameChatAsOnce() {
        String tenant = newTenant();
        LiveChatScenario once = new LiveChatScenario(tenant, visitor);
        LiveChatScenario twice = new LiveChatScenario(tenant, visitor);
        driver.apply(story(once, true));
        for (Object event : story(twice, true)) {
            driver.apply(event, event);
        }

        assertThat(withoutId(row(twice))).isEqualTo(withoutId(row(once)));
        assertThat(withoutId(find(twice))).isEqualTo(withoutId(find(once)));
    }

    @Test
    void redeliveringAnyTailOfAnOpenChatsEventsChangesNothing() {
        assertEveryTailRedeliveredChangesNothing(false);
    }

    @Test
    void redeliveringAnyTailOfAClosedChatsEventsChangesNothing() {
        assertEveryTailRedeliveredChangesNothing(true);
    }

    @Test
    void theStoryEndsWhereTheDomainSaysItShould() {
        LiveChatScenario chat = new LiveChatScenario(newTenant(), visitor);
        driver.apply(story(chat, false));

        LiveChatView view = find(chat);
        assertThat(view.servingStaff().userId()).as("sam left while serving, carol was the earliest remaining")
                .isEqualTo("carol");
        assertThat(view.staff()).extracting(participant -> participant.userId()).containsExactly("carol");
        assertThat(view.severityLevel()).isEqualTo(1);
        assertThat(view.visitorOnline()).isFalse();
    }

    @Test
    void aClosedChatKeepsItsRecordWhateverFollowsTheClose() {
        LiveChatScenario chat = new LiveChatScenario(newTenant(), visitor);
        driver.apply(chat.start("hello"));
        driver.apply(chat.claim(alice));
        driver.apply(chat.closed(visitor, ChatClosed.Reason.VISITOR_LEFT));
        Map<String, Object> atClose = row(chat);

        driver.apply(chat.left(alice), chat.offline(), chat.priority(alice, 4), chat.claimed(bob));

        assertThat(row(chat)).isEqualTo(atClose);
        assertThat(find(chat).servingStaff().userId()).isEqualTo("alice");
    }

    @Test
    void onlyLiveChatsGetRows() {
        String tenant = newTenant();
        List<Long> others = new ArrayList<>();
        for (ConversationKind kind : ConversationKind.values()) {
            if (kind != ConversationKind.LIVE_CHAT) {
                ConversationScenario conversation = new ConversationScenario(tenant, kind);
                driver.apply(conversation.started(visitor, alice), conversation.message(visitor, "hi"),
                        conversation.joined(bob), conversation.left(alice));
                others.add(conversation.id());
            }
        }

        for (long id : others) {
            assertThat(jdbc.queryForObject("select count(*) from query_live_chat where conversation_id = ?",
                    Long.class, id)).isZero();
        }
    }

    @Test
    void aResetEmptiesTheTableAndAReplayRebuildsTheSameRows() {
        String tenant = newTenant();
        LiveChatScenario open = new LiveChatScenario(tenant, visitor);
        LiveChatScenario closed = new LiveChatScenario(tenant, visitor("visitor-2"));
        List<Object> events = new ArrayList<>(story(open, false));
        events.addAll(story(closed, true));
        driver.apply(events);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from query_live_chat where tenant = ? order by conversation_id", tenant);
        List<LiveChatView> views = List.of(find(open), find(closed));

        driver.reset();
        assertThat(jdbc.queryForObject("select count(*) from query_live_chat", Long.class)).isZero();
        driver.apply(events);

        assertThat(jdbc.queryForList("select * from query_live_chat where tenant = ? order by conversation_id",
                tenant)).isEqualTo(rows);
        assertThat(List.of(find(open), find(closed))).isEqualTo(views);
    }

    private void assertEveryTailRedeliveredChangesNothing(boolean closing) {
        LiveChatScenario chat = new LiveChatScenario(newTenant(), visitor);
        List<Object> events = story(chat, closing);
        driver.apply(events);
        Map<String, Object> row = row(chat);
        LiveChatView view = find(chat);

        for (int from = events.size() - 1; from >= 0; from--) {
            driver.apply(events.subList(from, events.size()));
            assertThat(row(chat)).as("after redelivering from event %d, %s", from, events.get(from)).isEqualTo(row);
            assertThat(find(chat)).as("after redelivering from event %d", from).isEqualTo(view);
        }
    }

    /** Touches every handler: presence, priority up, between levels, to 0 and back, claim, add, remove, take-over. */
    private List<Object> story(LiveChatScenario chat, boolean closing) {
        List<Object> events = new ArrayList<>(chat.start("hello"));
        events.add(chat.visitorMessage("anyone?"));
        events.add(chat.offline());
        events.add(chat.online());
        events.add(chat.priority(alice, 2));
        events.addAll(chat.claim(alice));
        events.add(chat.message(alice, "how can I help?"));
        events.addAll(chat.add(bob, sam));
        events.add(chat.priority(bob, 3));
        events.addAll(chat.add(sam, sam));
        events.add(chat.takenOver(sam, alice));
        events.add(chat.left(alice));
        events.add(chat.priority(sam, 0));
        events.addAll(chat.add(carol, sam));
        events.addAll(chat.remove(bob, sam));
        events.add(chat.left(sam));
        events.add(chat.priority(carol, 1));
        events.add(chat.offline());
        if (closing) {
            events.add(chat.closed(visitor, ChatClosed.Reason.VISITOR_LEFT));
            events.add(chat.left(carol));
        }
        return events;
    }

    private Map<String, Object> row(LiveChatScenario chat) {
        return jdbc.queryForMap("select * from query_live_chat where conversation_id = ?", chat.id());
    }

    private LiveChatView find(LiveChatScenario chat) {
        return queries.handle(new FindLiveChat(chat.tenant(), chat.id())).orElseThrow();
    }

    private static Map<String, Object> withoutId(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove("conversation_id");
        return copy;
    }

    private static LiveChatView withoutId(LiveChatView view) {
        return new LiveChatView(0, view.tenant(), view.visitorId(), view.visitorName(), view.visitorEmail(),
                view.status(), view.visitorOnline(), view.severityLevel(), view.flaggedAt(), view.servingStaff(),
                view.staff(), view.startedAt(), view.updatedAt());
    }
}
