package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.LiveChatScenario.agent;
import static io.switchboard.query.conversation.LiveChatScenario.supervisor;
import static io.switchboard.query.conversation.LiveChatScenario.visitor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections work on a batch's rows in memory and write them at commit ({@link ReadModelBatch}): however the
 * events are cut into transactions — one each, all in one, or the whole story delivered again — the rows are the
 * same, including the participants' row order (join order).
 */
@QuerySideTest
class ReadModelBatchTests {

    private static final Map<String, String> TABLES = Map.of(
            "query_conversation", "select * from query_conversation where id in (%s) order by id",
            "query_message", "select * from query_message where conversation_id in (%s) order by message_id",
            "query_participant", "select * from query_participant where conversation_id in (%s)"
                    + " order by conversation_id, id",
            "query_read_marker", "select * from query_read_marker where conversation_id in (%s)"
                    + " order by conversation_id, user_id",
            "query_live_chat", "select * from query_live_chat where conversation_id in (%s) order by conversation_id");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private JdbcTemplate jdbc;

    private final List<Long> conversations = new ArrayList<>();

    @Test
    void oneTransactionForEverythingGivesTheRowsOfOneTransactionPerEvent() {
        List<Object> events = story();
        driver.apply(events);
        Map<String, List<Map<String, Object>>> perEvent = dump();
        assertThat(perEvent.get("query_participant")).hasSizeGreaterThan(5);

        driver.reset();
        driver.applyInOneTransaction(events);
        assertThat(dump()).isEqualTo(perEvent);

        driver.applyInOneTransaction(events);
        assertThat(dump()).as("the whole story redelivered in one batch").isEqualTo(perEvent);

        driver.reset();
        int half = events.size() / 2;
        driver.applyInOneTransaction(events.subList(0, half));
        List<Object> redeliveredTail = new ArrayList<>(events.subList(half / 2, events.size()));
        driver.applyInOneTransaction(redeliveredTail);
        assertThat(dump()).as("batches overlapping by a quarter of the story").isEqualTo(perEvent);
    }

    /** Every projection's handlers, several conversations interleaved, names learnt, leaves and rejoins. */
    private List<Object> story() {
        String tenant = newTenant();
        Participant visitor = visitor("visitor-1");
        Participant alice = agent("alice");
        Participant bob = agent("bob");
        Participant sam = supervisor("sam");
        LiveChatScenario chat = new LiveChatScenario(tenant, visitor);
        ConversationScenario staffChat = new ConversationScenario(tenant, ConversationKind.STAFF);
        ConversationScenario room = new ConversationScenario(tenant, ConversationKind.GUEST_ROOM);
        conversations.addAll(List.of(chat.id(), staffChat.id(), room.id()));
        Participant mary = new Participant("45", "Mary", Role.STAFF);
        Participant namelessBob = new Participant("46", null, Role.STAFF);
        Participant guest = ConversationScenario.guest("g1");
        Participant frontDesk = ConversationScenario.staff("s1");

        List<Object> events = new ArrayList<>(chat.start("hello"));
        events.add(staffChat.started(mary, namelessBob));
        events.add(room.started(guest));
        events.add(chat.offline());
        events.add(staffChat.message(new Participant("46", "Bob Smith", Role.STAFF), "hi"));
        events.add(room.message(guest, "towels please", null,
                List.of(new Attachment("https://example.com/a.png", "a.png", "image/png", 12))));
        events.add(chat.online());
        events.addAll(chat.claim(alice));
        events.add(room.read(frontDesk, 1));
        events.add(room.message(frontDesk, "on the way"));
        events.add(room.read(guest, 2));
        events.add(room.read(frontDesk, 2));
        events.add(chat.priority(alice, 2));
        events.addAll(chat.add(bob, sam));
        events.add(staffChat.left(mary));
        events.add(staffChat.message(namelessBob, "bye"));
        events.addAll(chat.add(sam, sam));
        events.add(chat.takenOver(sam, alice));
        events.add(chat.left(alice));
        events.add(staffChat.joined(new Participant("47", "Carol", Role.STAFF)));
        events.add(staffChat.joined(new Participant("45", "Mary Again", Role.SUPERVISOR)));
        events.add(chat.left(sam));
        events.add(chat.message(bob, "still here"));
        events.add(room.read(frontDesk, 1));
        events.add(chat.closed(visitor, ChatClosed.Reason.VISITOR_LEFT));
        events.add(chat.left(bob));
        events.add(chat.priority(bob, 4));
        return events;
    }

    private Map<String, List<Map<String, Object>>> dump() {
        String ids = conversations.stream().map(String::valueOf).collect(Collectors.joining(", "));
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        TABLES.forEach((table, select) -> dump.put(table, jdbc.queryForList(select.formatted(ids)).stream()
                .map(row -> {
                    Map<String, Object> copy = new LinkedHashMap<>(row);
                    if (!table.equals("query_conversation")) {
                        copy.remove("id");
                    }
                    return copy;
                }).toList()));
        return dump;
    }
}
