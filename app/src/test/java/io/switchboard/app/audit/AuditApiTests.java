package io.switchboard.app.audit;

import io.switchboard.api.audit.AuditChain;
import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit API over HTTP: who may read it, history, the hash chain and transcripts. */
@SwitchboardIntegrationTest
class AuditApiTests {

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("601", "Alice Staff", tenant, Role.STAFF);
    private final AuthenticatedUser bob = AuthenticatedUser.of("602", "Bob Staff", tenant, Role.STAFF);
    private final AuthenticatedUser auditor = AuthenticatedUser.of("aud-1", "Ann Auditor", tenant, Role.AUDITOR);
    private AuditApi api;

    @org.junit.jupiter.api.BeforeEach
    void api() {
        api = new AuditApi(port);
    }

    @Test
    void historyListsEveryEventInOrderWithStableTypesActorsDialectsAndPayloads() {
        long id = startChat();
        send(id, alice, "one");
        send(id, bob, "two");
        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, alice, 2), meta(alice, "req-read"));
        send(id, alice, "three");

        JsonNode all = ok(api.get(events(id), auditor));
        assertThat(all.get("events")).extracting(event -> event.get("type").asString()).containsExactly(
                "ConversationStarted", "MessageSent", "MessageSent", "ConversationRead", "MessageSent");
        assertThat(all.get("events")).extracting(event -> event.get("sequence").asLong())
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        JsonNode read = all.get("events").get(3);
        assertThat(read.get("actorId").asString()).isEqualTo(alice.userId());
        assertThat(read.get("actorRole").asString()).isEqualTo("staff");
        assertThat(read.get("dialect").asString()).isEqualTo(Dialect.HOTEL_REST.name());
        assertThat(read.get("correlationId").asString()).isEqualTo("req-read");
        assertThat(read.get("payload").get("upToSequence").asLong()).isEqualTo(2);
        assertThat(read.get("hash").asString()).matches("[0-9a-f]{64}");
        assertThat(all.get("nextAfterSequence").isNull()).isTrue();

        JsonNode bobsMessages = ok(api.get(events(id) + "?type=MessageSent&actor=" + bob.userId(), auditor));
        assertThat(bobsMessages.get("events")).singleElement()
                .satisfies(event -> assertThat(event.get("payload").get("text").asString()).isEqualTo("two"));

        JsonNode firstPage = ok(api.get(events(id) + "?limit=2", auditor));
        assertThat(firstPage.get("events")).hasSize(2);
        JsonNode secondPage = ok(api.get(events(id) + "?limit=2&after_sequence="
                + firstPage.get("nextAfterSequence").asLong(), auditor));
        assertThat(secondPage.get("events").get(0).get("sequence").asLong()).isEqualTo(2);

        String from = all.get("events").get(2).get("timestamp").asString();
        JsonNode since = ok(api.get(events(id) + "?from=" + from, auditor));
        assertThat(since.get("events")).extracting(event -> event.get("sequence").asLong()).containsExactly(2L, 3L, 4L);

        assertThat(api.get(events(id) + "?type=com.example.Evil", auditor).status()).isEqualTo(400);
        assertThat(api.get(events(id) + "?limit=0", auditor).status()).isEqualTo(400);
        assertThat(api.get(events(id) + "?from=noon", auditor).status()).isEqualTo(400);
    }

    @Test
    void onlyAuditorsAndAdminsOfTheTenantReadAndEveryReadIsLogged() {
        long id = startChat();
        AuthenticatedUser otherAuditor = AuthenticatedUser.of("aud-2", "Other Auditor", "audit-other-" + UUID.randomUUID(),
                Role.AUDITOR);
        AuthenticatedUser admin = AuthenticatedUser.of("adm-1", "Ada Admin", tenant, Role.ADMIN);

        assertThat(api.get(events(id), otherAuditor).status()).as("another tenant's conversation").isEqualTo(404);
        assertThat(api.get(verify(id), otherAuditor).status()).isEqualTo(404);
        assertThat(api.get("/api/audit/conversations/" + Long.MAX_VALUE + "/events", auditor).status())
                .as("an unknown id answers the same").isEqualTo(404);
        AuditApi.Response staff = api.get(events(id), alice);
        assertThat(staff.status()).isEqualTo(403);
        assertThat(staff.json().get("detail").asString()).contains("auditors");
        assertThat(api.get("/api/audit/conversations?kind=STAFF", alice).status()).isEqualTo(403);
        assertThat(api.get(events(id), (String) null).status()).isEqualTo(401);
        assertThat(api.get(events(id), admin).status()).isEqualTo(200);

        JsonNode log = ok(api.get("/api/audit/access-log?limit=50", auditor)).get("entries");
        List<String> seen = new ArrayList<>();
        log.forEach(entry -> seen.add(entry.get("actorId").asString() + " " + entry.get("action").asString() + " "
                + entry.get("outcome").asString()));
        assertThat(seen).contains(alice.userId() + " history forbidden", admin.userId() + " history granted",
                alice.userId() + " search forbidden");
        assertThat(seen).as("another tenant's reader is in its own tenant's log only")
                .noneMatch(line -> line.startsWith(otherAuditor.userId()));
    }

    @Test
    void verifyNamesTheFirstEventWhoseStoredRowWasAltered() {
        long id = startChat();
        send(id, alice, "pay 100 euros");
        send(id, bob, "agreed");
        send(id, alice, "thanks");

        JsonNode intact = ok(api.get(verify(id), auditor));
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("eventsChecked").asLong()).isEqualTo(4);
        assertThat(intact.get("headHash").asString()).isEqualTo(storedHash(id, 3));

        // the app's tests share one database (a later rebuild replays every stored event): the read model has the
        // message before the row is altered, and the row is put back after
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from query_message "
                + "where conversation_id = ? and text = 'pay 100 euros'", Long.class, id) == 1);
        byte[] original = jdbc.queryForObject("select payload from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = 1", byte[].class, String.valueOf(id));
        try {
            int altered = jdbc.update("update domain_event_entry set payload = convert_to(replace("
                    + "convert_from(payload, 'UTF8'), '100', '900'), 'UTF8') where aggregate_identifier = ? "
                    + "and sequence_number = 1", String.valueOf(id));
            assertThat(altered).isEqualTo(1);

            JsonNode broken = ok(api.get(verify(id), auditor));
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("firstBroken").get("sequence").asLong()).isEqualTo(1);
            assertThat(broken.get("firstBroken").get("type").asString()).isEqualTo("MessageSent");
            assertThat(broken.get("firstBroken").get("storedHash").asString()).isEqualTo(storedHash(id, 1));
        } finally {
            jdbc.update("update domain_event_entry set payload = ? where aggregate_identifier = ? and sequence_number = 1",
                    original, String.valueOf(id));
        }
        assertThat(ok(api.get(verify(id), auditor)).get("valid").asBoolean()).as("the row put back").isTrue();
    }

    @Test
    void aTranscriptsHeadHashChecksOutAgainstTheStoreInEveryFormat() {
        long id = startChat();
        send(id, alice, "<script>alert(1)</script> & co");
        send(id, bob, "=HYPERLINK(\"http://evil\"), \"quoted\"");

        AuditApi.Response json = api.get(transcript(id), auditor);
        JsonNode transcript = ok(json);
        assertThat(transcript.get("messages")).hasSize(2);
        long headSequence = transcript.get("headSequence").asLong();
        String headHash = transcript.get("headHash").asString();
        assertThat(headSequence).isEqualTo(2);
        assertThat(headHash).isEqualTo(storedHash(id, 2));
        assertThat(json.header("X-Audit-Head-Hash")).isEqualTo(headHash);
        assertThat(transcript.get("messages").get(1).get("eventHash").asString()).isEqualTo(headHash);

        JsonNode check = ok(api.get(verify(id) + "?head_sequence=" + headSequence + "&head_hash=" + headHash, auditor));
        assertThat(check.get("headCheck").get("matches").asBoolean()).isTrue();
        JsonNode forged = ok(api.get(verify(id) + "?head_sequence=" + headSequence + "&head_hash="
                + "0".repeat(63) + "1", auditor));
        assertThat(forged.get("headCheck").get("matches").asBoolean()).isFalse();

        AuditApi.Response csv = api.get(transcript(id) + "?format=csv", auditor);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.raw().split("\r\n");
        assertThat(lines[0]).startsWith("sequence,sent_at,sender_id");
        assertThat(lines[2]).contains("\"'=HYPERLINK(\"\"http://evil\"\"), \"\"quoted\"\"\"");
        assertThat(lines[lines.length - 1]).contains("CHAIN_HEAD").endsWith("," + headSequence + "," + headHash);

        AuditApi.Response html = api.get(transcript(id) + "?format=html", auditor);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.raw()).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co").doesNotContain("<script>");
        assertThat(html.raw()).contains(headHash);

        String at = ok(api.get(events(id), auditor)).get("events").get(1).get("timestamp").asString();
        JsonNode early = ok(api.get(transcript(id) + "?at=" + at, auditor));
        assertThat(early.get("messages")).hasSize(1);
        assertThat(early.get("headHash").asString()).isEqualTo(storedHash(id, 1));
        assertThat(api.get(transcript(id) + "?format=pdf", auditor).status()).isEqualTo(400);
    }

    @Test
    void concurrentSendsKeepAnUnbrokenChain() throws Exception {
        long id = startChat();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> sends = IntStream.range(0, 80)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> send(id, i % 2 == 0 ? alice : bob, "m" + i),
                            senders))
                    .toList();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } finally {
            senders.shutdownNow();
        }
        JsonNode verified = ok(api.get(verify(id), auditor));
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("eventsChecked").asLong()).isEqualTo(81);
        assertThat(verified.get("unchained").asLong()).isZero();
    }

    @Test
    void searchFindsTheTenantsConversationsByKindAndParticipant() {
        long id = startChat();
        AuthenticatedUser carol = AuthenticatedUser.of("603", "Carol Staff", tenant, Role.STAFF);
        JsonNode found = await().atMost(Duration.ofSeconds(15)).until(
                () -> ok(api.get("/api/audit/conversations?kind=staff&participant=" + bob.userId(), auditor)),
                page -> page.get("conversations").size() >= 1);
        assertThat(found.get("conversations")).extracting(c -> c.get("conversationId").asLong()).contains(id);
        assertThat(found.get("conversations").get(0).get("participants")).extracting(JsonNode::asString)
                .contains(alice.userId(), bob.userId());
        JsonNode none = ok(api.get("/api/audit/conversations?participant=" + carol.userId(), auditor));
        assertThat(none.get("conversations")).isEmpty();
        assertThat(api.get("/api/audit/conversations?kind=nonsense", auditor).status()).isEqualTo(400);
    }

    private String storedHash(long id, long sequence) {
        byte[] meta = jdbc.queryForObject("select meta_data from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", byte[].class, String.valueOf(id), sequence);
        return AuditApi.JSON.readTree(meta).get(AuditChain.HASH_KEY).asString();
    }

    private static JsonNode ok(AuditApi.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static String events(long id) {
        return "/api/audit/conversations/" + id + "/events";
    }

    private static String verify(long id) {
        return "/api/audit/conversations/" + id + "/verify";
    }

    private static String transcript(long id) {
        return "/api/audit/conversations/" + id + "/transcript";
    }

    private long startChat() {
        return ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, "Audit me",
                List.of(new Participant(bob.userId(), bob.name(), Role.STAFF)), alice), meta(alice, null))).longValue();
    }

    private void send(long id, AuthenticatedUser sender, String text) {
        commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT, text, null,
                List.of(), null), meta(sender, null));
    }

    private static MetaData meta(AuthenticatedUser user, String requestId) {
        return MetaData.from(AuditMetadata.of(user, Dialect.HOTEL_REST, requestId));
    }
}
