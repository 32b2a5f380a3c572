package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API shows of itself: its OpenAPI document, the actuator, the audit trail of a request id, its logs. */
@SwitchboardIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiSurfaceTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOpenApiDocumentSaysSendsAnswer201AndListsTheDetailErrors() {
        JsonNode document = new HotelApi(port).get("/api-docs", (String) null).body();
        JsonNode paths = document.get("paths");
        for (String send : List.of("/api/staff-chat/{hotelSlug}/conversations/{conversationId}/send-message/",
                "/api/guest/hotels/{hotelSlug}/chat/messages/",
                "/api/staff/hotels/{hotelSlug}/chat/conversations/{conversationId}/messages/")) {
            JsonNode responses = paths.get(send).get("post").get("responses");
            assertThat(responses.has("201")).as(send).isTrue();
            assertThat(responses.get("200").get("description").asString()).as(send).contains("client_message_id");
            for (String status : List.of("400", "401", "403", "404", "413", "503")) {
                assertThat(responses.get(status).get("content").get("application/json").get("schema").get("$ref")
                        .asString()).as(send + " " + status).isEqualTo("#/components/schemas/Error");
            }
        }
        assertThat(paths.get("/api/staff/hotels/{hotelSlug}/staff-chat/conversations/").get("post")
                .get("responses").has("201")).isTrue();
        assertThat(document.get("components").get("schemas").get("Error").get("properties").has("detail")).isTrue();
        JsonNode id = paths.get("/api/staff/hotels/{hotelSlug}/chat/conversations/{conversationId}/messages/")
                .get("get").get("parameters").valueStream()
                .filter(parameter -> parameter.get("name").asString().equals("conversationId")).findFirst()
                .orElseThrow();
        assertThat(id.get("schema").get("type").asString()).isEqualTo("integer");
    }

    @Test
    void theActuatorShowsHealthAndInfoButNoListOfEndpoints() {
        HotelApi api = new HotelApi(port);
        HotelApi.Response links = api.get("/actuator", (String) null);
        assertThat(links.status()).as(links.raw()).isEqualTo(404);
        assertThat(links.get("detail").asString()).isEqualTo("Not found.");
        assertThat(api.get("/actuator/", (String) null).status()).isEqualTo(404);
        assertThat(api.get("/actuator/env", (String) null).status()).isEqualTo(404);
        assertThat(api.get("/actuator/health", (String) null).status()).isEqualTo(200);
    }

    @Test
    void anOverlongRequestIdIsNotStoredAndAFreshOneIsUsed() {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser john = hotel.staff("John Doe");
        AuthenticatedUser mary = hotel.staff("Mary Smith");
        long conversation = hotel.createStaffChat(john, mary);

        String requestId = "r".repeat(1_000);
        HotelApi.Response sent = hotel.api.post(hotel.sendStaffChatMessage(conversation), john,
                Map.of("text", "hello"), requestId);
        HotelApi.Response kept = hotel.api.post(hotel.sendStaffChatMessage(conversation), john,
                Map.of("text", "hello again"), "req-42");

        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        assertThat(kept.status()).as(kept.raw()).isEqualTo(201);
        List<String> metadata = jdbc.queryForList("select convert_from(meta_data, 'UTF8') from domain_event_entry"
                + " where aggregate_identifier = ? and payload_type like '%MessageSent' order by sequence_number",
                String.class, Long.toString(conversation));
        assertThat(metadata).hasSize(2);
        assertThat(metadata.get(0)).doesNotContain("rrrrrrrrrr").contains("correlationId");
        assertThat(metadata.get(1)).contains("\"correlationId\":\"req-42\"");
    }

    @Test
    void anUnknownConversationIs404WithoutAWarningOrStackTraceInTheLog(CapturedOutput output) {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser john = hotel.staff("John Doe");
        int before = output.getAll().length();

        HotelApi.Response send = hotel.api.post(hotel.sendStaffChatMessage(9_007_199_254_740_991L), john,
                Map.of("text", "anyone?"));
        HotelApi.Response read = hotel.api.post(hotel.staffChatMarkRead(9_007_199_254_740_990L), john, null);

        assertThat(send.status()).as(send.raw()).isEqualTo(404);
        assertThat(read.status()).as(read.raw()).isEqualTo(404);
        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("\tat ");
    }
}
