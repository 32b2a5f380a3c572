package io.switchboard.app;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server as {@code java -jar} starts it with nothing configured: H2 in PostgreSQL mode under the data directory,
 * and a signing secret generated there.
 */
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmbeddedDefaultTests {

    private static final Path DATA_DIRECTORY = createDataDirectory();

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("switchboard.data-dir", DATA_DIRECTORY::toString);
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void runsOnAnEmbeddedDatabaseInTheDataDirectoryWithAGeneratedSecret() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getURL()).startsWith("jdbc:h2:file:" + DATA_DIRECTORY);
        }
        assertThat(DATA_DIRECTORY.resolve("jwt-secret")).exists();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void apiWithoutTokenIsUnauthorizedInTheRestDialectShape() throws Exception {
        HttpResponse<String> response = get("/api/staff/hotels/killarney/chat/conversations/");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
    }

    @Test
    void pathVariantsOfTheApiStillNeedAToken() throws Exception {
        for (String path : List.of("/api;x=1/staff/hotels/killarney/chat/conversations/",
                "/%61pi/staff/hotels/killarney/chat/conversations/", "/api//staff/hotels/killarney/chat/conversations/")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 401, 404);
            assertThat(response.body()).as(path).doesNotContain("error occurred");
        }
        assertThat(get("/api;x=1/staff/hotels/killarney/chat/conversations/").statusCode()).isEqualTo(401);
    }

    @Test
    void openApiDescribesTheEndpointsWithBearerAuthAndNoCallerParameter() throws Exception {
        HttpResponse<String> docs = get("/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body())
                .contains("/api/staff-chat/{hotelSlug}/conversations/{conversationId}/send-message/")
                .contains("\"bearerFormat\":\"JWT\"")
                .doesNotContain("AuthenticatedUser");
    }

    @Test
    void commandsAndQueriesWorkOnTheEmbeddedDatabase() {
        AuthenticatedUser alice = AuthenticatedUser.of("1", "Alice", "embedded", Role.STAFF);
        MetaData metaData = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, "embedded", null,
                List.of(new Participant("2", "Bob", Role.STAFF)), alice), metaData)).longValue();
        commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, alice, MessageType.TEXT, "hi", null,
                List.of(), null), metaData);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                queries.query(FindMessages.latest("embedded", id, 10), MessagePage.class).join().messages())
                .extracting(m -> m.text()).containsExactly("hi"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path createDataDirectory() {
        try {
            return Files.createTempDirectory("switchboard-embedded-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
