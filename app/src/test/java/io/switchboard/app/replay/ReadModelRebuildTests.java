package io.switchboard.app.replay;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/admin/replay} while other threads keep sending: the rebuilt read models are what the live processor
 * had built, plus the sends, and what a quiet rebuild builds again.
 */
@SwitchboardIntegrationTest
class ReadModelRebuildTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String READ_MODELS = ReadModelRebuild.READ_MODEL_GROUPS.get(0);

    /** Every read-model table, in a total order; surrogate ids dropped, their order kept by sorting on them. */
    private static final Map<String, String> TABLES = Map.of(
            "query_conversation", "select * from query_conversation order by id",
            "query_message", "select * from query_message order by message_id",
            "query_participant", "select * from query_participant order by conversation_id, id",
            "query_read_marker", "select * from query_read_marker order by conversation_id, user_id",
            "query_live_chat", "select * from query_live_chat order by conversation_id");

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String tenant = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser admin = AuthenticatedUser.of("1", "Ada Admin", tenant, Role.ADMIN);
    private final AuthenticatedUser staff = AuthenticatedUser.of("2", "Sam Staff", tenant, Role.STAFF);
    private final MetaData metaData = MetaData.from(AuditMetadata.of(admin, Dialect.INTERNAL, null));

    @Test
    void aRebuildUnderConcurrentSendsEndsWithIdenticalReadModels() throws Exception {
        List<Long> quiet = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            quiet.add(startChat(i));
        }
        List<Long> busy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            busy.add(startChat(100 + i));
        }
        awaitCaughtUp();
        Set<Long> busySet = Set.copyOf(busy);
        Map<String, List<Map<String, Object>>> before = dump();

        AtomicBoolean sending = new AtomicBoolean(true);
        Map<Long, AtomicInteger> sent = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < 2; thread++) {
            List<Long> mine = List.of(busy.get(thread * 2), busy.get(thread * 2 + 1));
            running.add(senders.submit(() -> {
                int i = 0;
                while (sending.get() || i < 20) {
                    long conversation = mine.get(i % 2);
                    int n = sent.computeIfAbsent(conversation, id -> new AtomicInteger()).incrementAndGet();
                    send(conversation, i % 3 == 0 ? staff : admin, "busy " + n);
                    if (i % 7 == 0) {
                        commands.sendAndWait(new MarkConversationRead(conversation, ConversationKind.STAFF, staff,
                                n), metaData);
                    }
                    i++;
                }
                return null;
            }));
        }
        try {
            HttpResponse<String> started = call("POST", admin);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            assertThat(JSON.readTree(started.body()).get("state").asString()).isEqualTo("running");
            JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> JSON.readTree(call("GET", admin).body()),
                            status -> !status.get("state").asString().equals("running"));
            assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("done");
            assertThat(done.get("eventsDone").asLong()).isEqualTo(done.get("eventsTotal").asLong()).isPositive();
            assertThat(done.has("eventsPerSecond")).isTrue();
        } finally {
            sending.set(false);
            for (Future<?> sender : running) {
                sender.get();
            }
            senders.shutdown();
        }
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> after = dump();

        assertThat(without(after, busySet)).as("every row the sends did not touch, as the live processor built it")
                .isEqualTo(without(before, busySet));
        for (long conversation : busy) {
            int count = sent.get(conversation).get();
            assertThat(jdbc.queryForObject("select message_count from query_conversation where id = ?", Long.class,
                    conversation)).isEqualTo(count + 1L);
            assertThat(jdbc.queryForObject("select count(*) from query_message where conversation_id = ?",
                    Long.class, conversation)).isEqualTo(count + 1L);
        }

        // and a quiet rebuild (no sends) gives every row again, the busy conversations' included
        StreamingEventProcessor processor = processor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitCaughtUp();
        assertThat(dump()).isEqualTo(after);
    }

    @Test
    void onlyAnAdminMayRebuild() throws Exception {
        HttpResponse<String> forbidden = call("POST", staff);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.body()).get("detail").asString()).isNotBlank();
        assertThat(call("GET", staff).statusCode()).isEqualTo(403);
        assertThat(call("GET", AuthenticatedUser.of("3", "Gus", tenant, Role.GUEST)).statusCode()).isEqualTo(403);

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).has("detail")).isTrue();

        HttpResponse<String> status = call("GET", admin);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(status.body()).get("state").asString()).isIn("idle", "done");
    }

    /** A staff chat with a few messages, a join, a read marker and a leave. */
    private long startChat(int index) {
        AuthenticatedUser bob = AuthenticatedUser.of("b" + index, "Bob " + index, tenant, Role.STAFF);
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant(staff.userId(), staff.name(), Role.STAFF),
                        new Participant(bob.userId(), bob.name(), Role.STAFF)), admin), metaData)).longValue();
        send(id, admin, "hello " + index);
        if (index < 100) {
            send(id, bob, "hi " + index);
            AuthenticatedUser carol = AuthenticatedUser.of("c" + index, "Carol " + index, tenant, Role.STAFF);
            commands.sendAndWait(new JoinConversation(id, ConversationKind.STAFF, carol), metaData);
            commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, bob, 2), metaData);
            commands.sendAndWait(new LeaveConversation(id, ConversationKind.STAFF, bob), metaData);
        }
        return id;
    }

    private void send(long conversation, AuthenticatedUser sender, String text) {
        commands.sendAndWait(new SendMessage(conversation, ConversationKind.STAFF, sender, MessageType.TEXT, text,
                null, List.of(), null), metaData);
    }

    private HttpResponse<String> call(String method, AuthenticatedUser caller) throws Exception {
        return http.send(HttpRequest.newBuilder(uri()).header("Authorization", TestTokens.bearer(caller))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + port + ReplayController.PATH);
    }

    private StreamingEventProcessor processor() {
        return processing.eventProcessor(READ_MODELS, StreamingEventProcessor.class).orElseThrow();
    }

    /** Every segment at the head of the store. */
    private void awaitCaughtUp() {
        StreamingEventProcessor processor = processor();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            assertThat(status).isNotEmpty();
            long head = eventStore.createHeadToken().position().orElseThrow();
            assertThat(status.values()).allMatch(segment -> segment.getCurrentPosition().orElse(-1) >= head);
        });
    }

    private Map<String, List<Map<String, Object>>> dump() {
        Map<String, List<Map<String, Object>>> dump = new LinkedHashMap<>();
        TABLES.forEach((table, select) -> dump.put(table, jdbc.queryForList(select).stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            if (!table.equals("query_conversation")) {
                copy.remove("id");
            }
            return copy;
        }).toList()));
        return dump;
    }

    private static Map<String, List<Map<String, Object>>> without(Map<String, List<Map<String, Object>>> dump,
                                                                 Set<Long> conversations) {
        return dump.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue()
                .stream().filter(row -> !conversations.contains(conversationOf(entry.getKey(), row))).toList()));
    }

    private static long conversationOf(String table, Map<String, Object> row) {
        Object id = table.equals("query_conversation") ? row.get("id") : row.get("conversation_id");
        return ((Number) id).longValue();
    }
}
