package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Auditors can rebuild the read models from the event store: a reset replays into identical rows. */
@SwitchboardIntegrationTest
class ReadModelReplayTests {

    private static final String READ_MODELS = "conversation-read-models";

    /** Read-model tables, with the natural order and the surrogate columns a rebuild may renumber. */
    private static final Map<String, String> TABLES = Map.of(
            "query_conversation", "select * from query_conversation order by id",
            "query_message", "select * from query_message order by message_id",
            "query_participant", "select * from query_participant order by conversation_id, user_id",
            "query_read_marker", "select * from query_read_marker order by conversation_id, user_id");

    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void resettingTheReadModelProcessorRebuildsIdenticalRows() {
        createHistory();
        StreamingEventProcessor processor =
                processing.eventProcessor(READ_MODELS, StreamingEventProcessor.class).orElseThrow();
        awaitCaughtUp(processor);
        Map<String, List<Map<String, Object>>> before = dumpReadModels();
        assertThat(before.get("query_message")).isNotEmpty();

        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processor.isReplaying()).isFalse();
            assertCaughtUp(processor);
        });
        assertThat(dumpReadModels()).isEqualTo(before);
    }

    private void createHistory() {
        String tenant = "replay-" + UUID.randomUUID().toString().substring(0, 8);
        AuthenticatedUser alice = AuthenticatedUser.of("45", "John Doe", tenant, Role.STAFF);
        AuthenticatedUser bob = AuthenticatedUser.of("46", "Bob", tenant, Role.STAFF);
        AuthenticatedUser carol = AuthenticatedUser.of("47", "Carol", tenant, Role.STAFF);
        MetaData metaData = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant("46", "Bob", Role.STAFF)), alice), metaData)).longValue();
        for (int i = 0; i < 12; i++) {
            AuthenticatedUser sender = i % 2 == 0 ? alice : bob;
            commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT, "m" + i,
                    i == 3 ? "{\"card\":true}" : null, List.of(), null), metaData);
        }
        commands.sendAndWait(new JoinConversation(id, ConversationKind.STAFF, carol), metaData);
        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, bob, 7), metaData);
    }

    private Map<String, List<Map<String, Object>>> dumpReadModels() {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        TABLES.forEach((table, select) -> dump.put(table, jdbc.queryForList(select).stream()
                .map(row -> {
                    Map<String, Object> copy = new LinkedHashMap<>(row);
                    if (!table.equals("query_conversation")) {
                        copy.remove("id");
                    }
                    return copy;
                }).toList()));
        return dump;
    }

    private void awaitCaughtUp(StreamingEventProcessor processor) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertCaughtUp(processor));
    }

    /** At the head of the store: "caught up" alone stays true once reached, while newer events may be in flight. */
    private void assertCaughtUp(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        assertThat(status).isNotEmpty();
        assertThat(status.values()).allMatch(EventTrackerStatus::isCaughtUp);
        long head = eventStore.createHeadToken().position().orElseThrow();
        assertThat(status.values()).allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
    }
}
