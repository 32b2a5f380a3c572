package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageSent;
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
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.app.config.ProductionEventSerializer;
import io.switchboard.app.events.EventSamples;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows stored before the current revision of their event, as an earlier release left them in
 * {@code domain_event_entry} (inserted here directly): those without a revision ({@code payload_revision} null) and a
 * revision-1 {@link ChatPriorityChanged}, which {@code ChatPriorityChangedUpcaster} brings to revision 2. Both the
 * aggregate and the read models (tracking processors) read them. docs/events.md.
 */
@SwitchboardIntegrationTest
class EventRevisionTests {

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String tenant = "rev-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("45", "Alice", tenant, Role.STAFF);
    private final AuthenticatedUser bob = AuthenticatedUser.of("46", "Bob", tenant, Role.STAFF);

    @Test
    void theApplicationsEventSerializerWritesWhatTheGoldenFilesPin() {
        Serializer pinned = ProductionEventSerializer.create();
        for (Object sample : EventSamples.all().values()) {
            SerializedObject<byte[]> expected = pinned.serialize(sample, byte[].class);
            SerializedObject<byte[]> actual = eventSerializer.serialize(sample, byte[].class);
            assertThat(actual.getType()).as(sample.getClass().getSimpleName()).isEqualTo(expected.getType());
            assertThat(new String(actual.getData(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected.getData(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void eventsStoredWithoutARevisionLoadIntoTheAggregateAndTheReadModels() {
        long id = nextval("conversation_id_seq");
        long messageId = nextval("message_id_seq");
        Instant at = clock.instant();
        MetaData byAlice = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        insert(id, 0, new ConversationStarted(id, tenant, ConversationKind.STAFF, null, null,
                List.of(participant(alice), participant(bob)), alice.userId(), at), null, byAlice);
        insert(id, 1, new MessageSent(id, tenant, messageId, 1, alice.userId(), alice.name(), Role.STAFF,
                MessageType.TEXT, "stored before revisions", null, List.of(), "old-client-id", at), null, byAlice);

        // the aggregate: its next sequence and an old client message id come from the revision-less rows
        MessageAccepted next = send(id, bob, "after", null);
        assertThat(next.sequence()).isEqualTo(2);
        MessageAccepted resent = send(id, alice, "stored before revisions", "old-client-id");
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.messageId()).isEqualTo(messageId);
        assertThat(jdbc.queryForList("select payload_revision from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, String.valueOf(id))).containsExactly(null, null, "1");

        // the read models, through their tracking processors
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            ConversationList forBob = queries.query(
                    new FindConversations(tenant, ConversationKind.STAFF, bob.userId(), true, 50, 0),
                    ConversationList.class).join();
            assertThat(forBob.conversations()).singleElement().satisfies(row -> {
                assertThat(row.conversationId()).isEqualTo(id);
                assertThat(row.messageCount()).isEqualTo(2);
            });
        });
        MessagePage page = queries.query(FindMessages.latest(tenant, id, 10), MessagePage.class).join();
        assertThat(page.messages()).extracting(m -> m.text()).containsExactly("after", "stored before revisions");
    }

    @Test
    void anOldChatPriorityChangedIsUpcastForTheAggregateAndTheReadModel() throws Exception {
        AuthenticatedUser visitor = AuthenticatedUser.of("visitor-" + tenant, "Vi", tenant, Role.VISITOR);
        AuthenticatedUser agent = AuthenticatedUser.of("agent-1", "Ann Agent", tenant, Role.AGENT);
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.LIVE_CHAT, tenant, null,
                List.of(), visitor), metaData(visitor))).longValue();
        commands.sendAndWait(new ClaimChat(id, agent), metaData(agent));
        String aggregate = String.valueOf(id);
        long next = jdbc.queryForObject("select max(sequence_number) + 1 from domain_event_entry "
                + "where aggregate_identifier = ?", Long.class, aggregate);
        Instant at = clock.instant();

        // before revisions, and without audit metadata: the role stays unknown
        insertRaw(id, next, ChatPriorityChanged.class.getName(), null, revisionOne(id, agent, 2, at),
                MetaData.emptyInstance());
        // revision 1, stored with the agent's audit metadata: the role is the agent's
        insertRaw(id, next + 1, ChatPriorityChanged.class.getName(), "1", revisionOne(id, agent, 3, at),
                metaData(agent));

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(aggregate).asStream().toList();
        List<Object> lastTwo = events.subList(events.size() - 2, events.size()).stream()
                .map(event -> (Object) event.getPayload()).toList();
        assertThat(lastTwo).containsExactly(
                        new ChatPriorityChanged(id, tenant, visitor.userId(), agent.userId(), null, 2, at),
                        new ChatPriorityChanged(id, tenant, visitor.userId(), agent.userId(), Role.AGENT, 3, at));

        // the read model took both
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(liveChat(id).severityLevel()).isEqualTo(3));

        // the aggregate took both: the level is 3 already, so setting 3 changes nothing
        long rows = countRows(aggregate);
        commands.sendAndWait(new ChangeChatPriority(id, agent, 3), metaData(agent));
        assertThat(countRows(aggregate)).isEqualTo(rows);

        // and a change now is stored as revision 2, with the role
        commands.sendAndWait(new ChangeChatPriority(id, agent, 0), metaData(agent));
        Map<String, Object> latest = jdbc.queryForMap("select payload_revision, payload from domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number desc limit 1", aggregate);
        assertThat(latest.get("payload_revision")).isEqualTo("2");
        assertThat(json.readTree((byte[]) latest.get("payload")).get("changedByRole").asString()).isEqualTo("AGENT");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(liveChat(id).severityLevel()).isZero());
    }

    /** The payload as revision 1 wrote it: revision 2's fields without {@code changedByRole}. */
    private byte[] revisionOne(long id, AuthenticatedUser by, int level, Instant at) {
        ChatPriorityChanged current = new ChatPriorityChanged(id, tenant, "visitor-" + tenant, by.userId(), null,
                level, at);
        ObjectNode payload = (ObjectNode) json.readTree(eventSerializer.serialize(current, byte[].class).getData());
        payload.remove("changedByRole");
        return json.writeValueAsBytes(payload);
    }

    private LiveChatView liveChat(long id) {
        Optional<LiveChatView> view = queries.query(new FindLiveChat(tenant, id),
                ResponseTypes.optionalInstanceOf(LiveChatView.class)).join();
        return view.orElseThrow();
    }

    private void insert(long id, long sequence, Object event, String revision, MetaData metaData) {
        insertRaw(id, sequence, event.getClass().getName(), revision,
                eventSerializer.serialize(event, byte[].class).getData(), metaData);
    }

    /** A row as Axon's JDBC storage engine writes it (see AxonStorageConfig), with the given payload and revision. */
    private void insertRaw(long id, long sequence, String payloadType, String revision, byte[] payload,
                           MetaData metaData) {
        jdbc.update("insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), String.valueOf(id), sequence, "Conversation",
                DateTimeUtils.formatInstant(clock.instant()), payloadType, revision, payload,
                eventSerializer.serialize(metaData, byte[].class).getData());
    }

    private long countRows(String aggregate) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate);
    }

    private long nextval(String sequence) {
        return jdbc.queryForObject("select nextval('" + sequence + "')", Long.class);
    }

    private MessageAccepted send(long id, AuthenticatedUser sender, String text, String clientMessageId) {
        return commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT, text, null,
                List.of(), clientMessageId), metaData(sender));
    }

    private static Participant participant(AuthenticatedUser user) {
        return new Participant(user.userId(), user.name(), user.role());
    }

    private static MetaData metaData(AuthenticatedUser user) {
        return MetaData.from(AuditMetadata.of(user, Dialect.INTERNAL, null));
    }
}
