package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.ReadMarkerView;
import io.switchboard.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.switchboard.query.conversation.ConversationScenario.guest;
import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static org.assertj.core.api.Assertions.assertThat;

/** Replays and at-least-once delivery: the same events, however often, give the same rows. */
@QuerySideTest
class ConversationProjectionsTests {

    private static final List<String> TABLES = List.of("query_conversation", "query_participant", "query_message",
            "query_read_marker", "query_live_chat");
    /** Columns that differ between two conversations told the same story. */
    private static final Set<String> IDENTITIES = Set.of("id", "conversation_id", "message_id", "last_message_id");

    private final Participant guest = guest("guest-1");
    private final Participant frontDesk = staff("front-desk");
    private final Participant manager = staff("manager");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private MessageQueryHandler messages;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyReadModelProjectsInTheOneProcessingGroup() {
        assertThat(driver.projectionTypes()).containsExactlyInAnyOrder(ConversationProjection.class,
                ParticipantProjection.class, MessageProjection.class, ReadMarkerProjection.class,
                LiveChatProjection.class);
    }

    @Test
    void everyEventTwiceLeavesTheSameRowsAsOnce() {
        String tenant = newTenant();
        ConversationScenario once = new ConversationScenario(tenant, ConversationKind.GUEST_ROOM);
        ConversationScenario twice = new ConversationScenario(tenant, ConversationKind.GUEST_ROOM);
        driver.apply(story(once));
        for (Object event : story(twice)) {
            driver.apply(event, event);
        }

        assertThat(rowsWithoutIdentities(twice)).isEqualTo(rowsWithoutIdentities(once));
        assertThat(jdbc.queryForObject("select message_count from query_conversation where id = ?", Long.class,
                twice.id())).isEqualTo(4);
    }

    @Test
    void redeliveringAWholeStreamChangesNoRow() {
        ConversationScenario room = new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM);
        List<Object> events = story(room);
        driver.apply(events);
        Map<String, List<Map<String, Object>>> before = rows(room);

        driver.apply(events);

        assertThat(rows(room)).isEqualTo(before);
    }

    @Test
    void aReadMarkerNeverMovesBack() {
        ConversationScenario room = new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM);
        var forward = room.read(frontDesk, 4);
        driver.apply(room.started(guest, frontDesk));
        driver.apply(room.messages(guest, 5));
        driver.apply(forward, room.read(frontDesk, 2));

        assertThat(messages.handle(FindMessages.latest(room.tenant(), room.id(), 1)).readMarkers())
                .containsExactly(new ReadMarkerView(frontDesk.userId(), frontDesk.role(), 4, forward.readAt()));
    }

    @Test
    void aJoinOfSomeoneAlreadyActiveKeepsTheirJoinTime() {
        ConversationScenario room = new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM);
        var started = room.started(guest, frontDesk);
        driver.apply(started, room.joined(frontDesk));

        assertThat(jdbc.queryForObject("select joined_at from query_participant where conversation_id = ? and "
                + "user_id = ?", Instant.class, room.id(), frontDesk.userId())).isEqualTo(started.startedAt());
    }

    @Test
    void resetHandlersEmptyEveryReadModel() {
        driver.apply(story(new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM)));

        driver.reset();

        for (String table : TABLES) {
            assertThat(jdbc.queryForObject("select count(*) from " + table, Long.class)).as(table).isZero();
        }
    }

    /** Touches every handler: start, messages with and without attachments, join, leave, rejoin, reads. */
    private List<Object> story(ConversationScenario room) {
        Attachment photo = new Attachment("https://files.example/p.jpg", "p.jpg", "image/jpeg", 10);
        List<Object> events = new ArrayList<>();
        events.add(room.started(guest, frontDesk));
        events.add(room.message(guest, "hello"));
        events.add(room.message(frontDesk, "welcome", "{\"quickReplies\":[\"yes\"]}", List.of(photo)));
        events.add(room.joined(manager));
        events.add(room.read(frontDesk, 1));
        events.add(room.left(frontDesk));
        events.add(room.message(guest, "anyone?"));
        events.add(room.joined(frontDesk));
        events.add(room.read(manager, 3));
        events.add(room.message(frontDesk, "back again"));
        events.add(room.read(guest, 4));
        return events;
    }

    private Map<String, List<Map<String, Object>>> rowsWithoutIdentities(ConversationScenario room) {
        Map<String, List<Map<String, Object>>> rows = rows(room);
        rows.values().forEach(tableRows -> tableRows.forEach(row -> row.keySet().removeAll(IDENTITIES)));
        return rows;
    }

    private Map<String, List<Map<String, Object>>> rows(ConversationScenario room) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("query_conversation", jdbc.queryForList("select * from query_conversation where id = ?",
                room.id()));
        rows.put("query_participant", jdbc.queryForList(
                "select * from query_participant where conversation_id = ? order by user_id", room.id()));
        rows.put("query_message", jdbc.queryForList(
                "select * from query_message where conversation_id = ? order by sequence", room.id()));
        rows.put("query_read_marker", jdbc.queryForList(
                "select * from query_read_marker where conversation_id = ? order by user_id", room.id()));
        return rows;
    }
}
