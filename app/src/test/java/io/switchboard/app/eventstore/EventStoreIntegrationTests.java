package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.ConversationList;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event store and the read models on PostgreSQL, through the real Axon buses. */
@SwitchboardIntegrationTest
class EventStoreIntegrationTests {

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcTemplate jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String tenant = "hotel-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("45", "John Doe", tenant, Role.STAFF);
    private final AuthenticatedUser bob = AuthenticatedUser.of("46", "Bob Staff", tenant, Role.STAFF);

    @Test
    void eventsLandAsByteaWithActorTenantDialectAndCorrelationMetadata() {
        long conversationId = startStaffChat();
        MessageAccepted accepted = commands.sendAndWait(
                new SendMessage(conversationId, ConversationKind.STAFF, alice, MessageType.TEXT, "Hello world",
                        null, List.of(), "client-1"),
                MetaData.from(AuditMetadata.of(alice, Dialect.HOTEL_REST, "request-42")));

        if (TestDatabase.postgresAvailable()) {
            assertThat(jdbc.queryForList("select column_name from information_schema.columns "
                            + "where table_schema = current_schema() and table_name in "
                            + "('domain_event_entry', 'snapshot_event_entry', 'token_entry') "
                            + "and column_name in ('payload', 'meta_data', 'token') and data_type <> 'bytea'",
                    String.class)).as("payload, metadata and token columns not bytea").isEmpty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList("select sequence_number, payload_type, payload, meta_data "
                + "from domain_event_entry where aggregate_identifier = ? order by sequence_number",
                String.valueOf(conversationId));
        assertThat(rows).extracting(row -> row.get("payload_type")).containsExactly(
                "io.switchboard.api.conversation.ConversationStarted", "io.switchboard.api.conversation.MessageSent");

        JsonNode payload = json.readTree((byte[]) rows.get(1).get("payload"));
        assertThat(payload.get("text").asString()).isEqualTo("Hello world");
        assertThat(payload.get("messageId").asLong()).isEqualTo(accepted.messageId());
        assertThat(payload.get("sequence").asLong()).isEqualTo(1);

        JsonNode metadata = json.readTree((byte[]) rows.get(1).get("meta_data"));
        assertThat(metadata.get(AuditMetadata.ACTOR_ID).asString()).isEqualTo("45");
        assertThat(metadata.get(AuditMetadata.ACTOR_ROLE).asString()).isEqualTo("staff");
        assertThat(metadata.get(AuditMetadata.TENANT).asString()).isEqualTo(tenant);
        assertThat(metadata.get(AuditMetadata.DIALECT).asString()).isEqualTo("HOTEL_REST");
        assertThat(metadata.get(AuditMetadata.CORRELATION_ID).asString()).isEqualTo("request-42");
    }

    @Test
    void projectionsAnswerTheQueriesEveryDialectNeeds() {
        long conversationId = startStaffChat();
        for (int i = 1; i <= 3; i++) {
            send(conversationId, alice, "message " + i);
        }

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConversationList forBob = queries.query(
                    new FindConversations(tenant, ConversationKind.STAFF, bob.userId(), true, 50, 0),
                    ConversationList.class).join();
            assertThat(forBob.conversations()).singleElement().satisfies(row -> {
                assertThat(row.conversationId()).isEqualTo(conversationId);
                assertThat(row.messageCount()).isEqualTo(3);
                assertThat(row.lastMessage().text()).isEqualTo("message 3");
                assertThat(row.unreadCount()).isEqualTo(3);
            });
        });
        MessagePage page = queries.query(FindMessages.latest(tenant, conversationId, 2), MessagePage.class).join();
        assertThat(page.messages()).extracting(m -> m.text()).containsExactly("message 3", "message 2");
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void racingSendsOnOneConversationAllSucceedWithConsecutiveSequences() throws Exception {
        long conversationId = startStaffChat();
        int perSender = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> senders = new ArrayList<>();
            for (AuthenticatedUser sender : List.of(alice, bob)) {
                senders.add(pool.submit((Callable<List<Long>>) () -> {
                    start.await();
                    List<Long> sequences = new ArrayList<>();
                    for (int i = 0; i < perSender; i++) {
                        sequences.add(send(conversationId, sender, sender.name() + " " + i).sequence());
                    }
                    return sequences;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> sender : senders) {
                all.addAll(sender.get());
            }
            Collections.sort(all);
            assertThat(all).containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perSender).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void longConversationsLoadFromASnapshotInTheRealEventStore() {
        long conversationId = startStaffChat();
        MessageAccepted early = commands.sendAndWait(new SendMessage(conversationId, ConversationKind.STAFF, alice,
                MessageType.TEXT, "early", null, List.of(), "early-client-id"),
                MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null)));
        for (int i = 0; i < 110; i++) {
            send(conversationId, i % 2 == 0 ? alice : bob, "message " + i);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Long.class,
                String.valueOf(conversationId)) > 0);
        // Decisions after the snapshot still see the whole history: the next sequence and an old client id.
        assertThat(send(conversationId, bob, "after the snapshot").sequence()).isEqualTo(112);
        MessageAccepted resent = commands.sendAndWait(new SendMessage(conversationId, ConversationKind.STAFF, alice,
                MessageType.TEXT, "early", null, List.of(), "early-client-id"),
                MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null)));
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.messageId()).isEqualTo(early.messageId());
    }

    private long startStaffChat() {
        Object id = commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                        List.of(new Participant(bob.userId(), bob.name(), Role.STAFF)), alice),
                MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null)));
        return ((Number) id).longValue();
    }

    private MessageAccepted send(long conversationId, AuthenticatedUser sender, String text) {
        return commands.sendAndWait(new SendMessage(conversationId, ConversationKind.STAFF, sender, MessageType.TEXT,
                text, null, List.of(), null), MetaData.from(AuditMetadata.of(sender, Dialect.INTERNAL, null)));
    }
}
