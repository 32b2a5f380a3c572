package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A read-model projection that fails on an event retries it until it succeeds — it never skips it, which would leave a
 * silent hole — and the failure is visible in the health endpoint meanwhile.
 */
@SwitchboardIntegrationTest
class ProjectionFailureTests {

    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FailOnceProjection failOnce;
    @LocalServerPort
    int port;

    private final String tenant = "proj-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("45", "Alice", tenant, Role.STAFF);

    @Test
    void anEventWhoseHandlerThrowsIsRetriedNotSkipped() {
        MetaData metaData = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant("46", "Bob", Role.STAFF)), alice), metaData)).longValue();
        String text = FailOnceProjection.FAIL_ONCE + tenant;
        send(id, text, metaData);
        send(id, FailOnceProjection.FAIL_ONCE + tenant + " after", metaData);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(failOnce.handled)
                .as("the failed event was handled on a retry, before the next one").containsSubsequence(text,
                        text + " after"));
    }

    @Test
    void anEventTheReadModelCannotStoreIsRetriedUntilItCanAndReportedMeanwhile() throws Exception {
        // renaming a table under a running processor is what PostgreSQL allows; the H2 fallback locks differently
        assumeThat(TestDatabase.postgresAvailable()).isTrue();
        MetaData metaData = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant("46", "Bob", Role.STAFF)), alice), metaData)).longValue();
        send(id, "before", metaData);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(id).contains("before"));

        jdbc.execute("alter table query_message rename to query_message_unavailable");
        try {
            send(id, "during", metaData);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(health()).contains("\"eventProcessors\":{\"status\":\"DOWN\""));
        } finally {
            jdbc.execute("alter table query_message_unavailable rename to query_message");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> texts(id).contains("during"));
        assertThat(texts(id)).containsExactly("during", "before");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(health()).contains("\"eventProcessors\":{\"status\":\"UP\""));
    }

    private void send(long id, String text, MetaData metaData) {
        commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, alice, MessageType.TEXT, text, null,
                List.of(), null), metaData);
    }

    private List<String> texts(long id) {
        return queries.query(FindMessages.latest(tenant, id, 10), MessagePage.class).join().messages().stream()
                .map(MessageView::text).toList();
    }

    private String health() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.builder().build().readTree(response.body()).toString();
    }
}
