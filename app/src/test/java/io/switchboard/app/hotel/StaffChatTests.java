package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staff-to-staff chat over REST: seeds 000 (send URL, message shape) and 001 (staff-chat conversations). */
@SwitchboardIntegrationTest
class StaffChatTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Hotel hotel;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;
    private AuthenticatedUser paddy;

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
        paddy = hotel.staff("Paddy Byrne");
    }

    @Test
    void creatingAConversationAnswersItWithTheCreatorFirstAndNumericIds() {
        HotelApi.Response created = hotel.api.post(hotel.staffChats(), john,
                Map.of("participant_ids", List.of(Long.parseLong(mary.userId()), paddy.userId()),
                        "title", "Night shift", "unknown_field", true));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode body = created.body();
        assertThat(body.get("id").isIntegralNumber()).isTrue();
        assertThat(body.get("title").asString()).isEqualTo("Night shift");
        assertThat(body.get("participants")).hasSize(3);
        assertThat(body.get("participants").get(0).get("id").isIntegralNumber()).isTrue();
        assertThat(body.get("participants").get(0).get("id").asString()).isEqualTo(john.userId());
        assertThat(body.get("participants").get(0).get("name").asString()).isEqualTo("John Doe");
        assertThat(body.get("participants").get(1).get("id").asLong()).isEqualTo(Long.parseLong(mary.userId()));
        assertThat(body.get("participants").get(2).get("id").asLong()).isEqualTo(Long.parseLong(paddy.userId()));
        assertThat(body.get("participants").get(2).get("name").isNull()).isTrue();
        assertThat(body.get("message_count").asLong()).isZero();
        assertThat(body.get("last_message").isNull()).isTrue();
        assertThat(body.get("unread_count").asLong()).isZero();
        assertThat(body.get("has_unread").asBoolean()).isFalse();
        assertThat(Instant.parse(body.get("created_at").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(body.get("updated_at")).isEqualTo(body.get("created_at"));
        JsonNode listed = await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.staffChats(), john).body(), list -> list.size() == 1);
        assertThat(listed.get(0)).as("the answer is what every later GET shows").isEqualTo(body);
    }

    @Test
    void sendingThroughTheSeedUrlAnswersTheMessageInThePusherPayloadShape() {
        long conversation = hotel.createStaffChat(john, mary);

        HotelApi.Response sent = hotel.api.post(hotel.sendStaffChatMessage(conversation), john,
                Map.of("message", "Hello world",
                        "attachments", List.of(Map.of("url", "https://files.example/menu.pdf", "name", "menu.pdf",
                                "mime_type", "application/pdf", "size", 2048))));

        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        JsonNode message = sent.body();
        assertThat(fieldNames(message)).containsExactly("id", "conversation_id", "text", "sender_id", "sender_name",
                "timestamp", "attachments", "is_system_message");
        assertThat(message.get("id").isIntegralNumber()).isTrue();
        assertThat(message.get("conversation_id").isIntegralNumber()).isTrue();
        assertThat(message.get("conversation_id").asLong()).isEqualTo(conversation);
        assertThat(message.get("text").asString()).isEqualTo("Hello world");
        assertThat(message.get("sender_id").isIntegralNumber()).isTrue();
        assertThat(message.get("sender_id").asLong()).isEqualTo(Long.parseLong(john.userId()));
        assertThat(message.get("sender_name").asString()).isEqualTo("John Doe");
        assertThat(Instant.parse(message.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(message.get("is_system_message").asBoolean()).isFalse();
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("url").asString()).isEqualTo("https://files.example/menu.pdf");
        assertThat(attachment.get("name").asString()).isEqualTo("menu.pdf");
        assertThat(attachment.get("mime_type").asString()).isEqualTo("application/pdf");
        assertThat(attachment.get("size").asLong()).isEqualTo(2048);

        JsonNode page = hotel.awaitPage(hotel.staffChatMessages(conversation), mary, 1);
        assertThat(page.get("results").get(0)).isEqualTo(message);
    }

    @Test
    void theListShowsOnlyTheCallersConversationsWithLastMessageAndUnreadState() {
        long withMary = hotel.createStaffChat(john, mary);
        long withoutMary = hotel.createStaffChat(john, paddy);
        JsonNode last = hotel.sendStaffChat(withMary, john, "Can you cover room service?");

        JsonNode marys = await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.staffChats(), mary).body(),
                        list -> list.size() == 1 && list.get(0).get("message_count").asLong() == 1);
        JsonNode row = marys.get(0);
        assertThat(fieldNames(row)).containsExactly("id", "title", "participants", "message_count", "last_message",
                "unread_count", "has_unread", "created_at", "updated_at");
        assertThat(row.get("id").asLong()).isEqualTo(withMary);
        assertThat(row.get("title").isNull()).isTrue();
        assertThat(row.get("participants")).extracting(participant -> participant.get("id").asString())
                .containsExactly(john.userId(), mary.userId());
        assertThat(row.get("last_message")).isEqualTo(last);
        assertThat(row.get("unread_count").asLong()).isEqualTo(1);
        assertThat(row.get("has_unread").asBoolean()).isTrue();

        JsonNode johns = hotel.api.get(hotel.staffChats(), john).body();
        assertThat(johns).extracting(conversation -> conversation.get("id").asLong())
                .as("most recent activity first").containsExactly(withMary, withoutMary);
        assertThat(johns.get(0).get("has_unread").asBoolean()).as("own messages are read").isFalse();
    }

    @Test
    void markingReadClearsTheCallersUnreadState() {
        long conversation = hotel.createStaffChat(john, mary);
        hotel.sendStaffChat(conversation, john, "Lobby in 5");
        await().atMost(Hotel.READ_MODEL_WAIT).until(() -> hotel.api.get(hotel.staffChats(), mary).body(),
                list -> list.size() == 1 && list.get(0).get("has_unread").asBoolean());

        HotelApi.Response marked = hotel.api.post(hotel.staffChatMarkRead(conversation), mary, null);

        assertThat(marked.status()).as(marked.raw()).isEqualTo(200);
        assertThat(marked.get("conversation").asLong()).isEqualTo(conversation);
        assertThat(marked.get("marked_read").asBoolean()).isTrue();
        await().atMost(Hotel.READ_MODEL_WAIT).until(() -> hotel.api.get(hotel.staffChats(), mary).body(),
                list -> list.get(0).get("unread_count").asLong() == 0 && !list.get(0).get("has_unread").asBoolean());
    }

    @Test
    void resendingAClientMessageIdAnswersTheOriginalWithoutASecondMessage() {
        long conversation = hotel.createStaffChat(john, mary);
        Map<String, Object> body = Map.of("text", "Only once", "client_message_id", "c-1");
        HotelApi.Response first = hotel.api.post(hotel.sendStaffChatMessage(conversation), john, body);

        HotelApi.Response again = hotel.api.post(hotel.sendStaffChatMessage(conversation), john,
                Map.of("text", "Only once (retry)", "client_message_id", "c-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body()).as("the original, as stored").isEqualTo(first.body());
        hotel.awaitPage(hotel.staffChatMessages(conversation), john, 1);
    }

    @Test
    void everyEventOfARequestRecordsTheCallerTheDialectAndTheRequestId() {
        long conversation = hotel.createStaffChat(john, mary);
        String requestId = "req-" + UUID.randomUUID();

        HotelApi.Response sent = hotel.api.post(hotel.sendStaffChatMessage(conversation), john,
                Map.of("text", "Audited"), requestId);

        assertThat(sent.status()).isEqualTo(201);
        List<JsonNode> metadata = jdbc.queryForList("select meta_data from domain_event_entry"
                        + " where aggregate_identifier = ? and payload_type like '%MessageSent'", byte[].class,
                Long.toString(conversation)).stream().map(HotelApi.JSON::readTree).toList();
        assertThat(metadata).singleElement().satisfies(meta -> {
            assertThat(meta.get("correlationId").asString()).isEqualTo(requestId);
            assertThat(meta.get("dialect").asString()).isEqualTo("HOTEL_REST");
            assertThat(meta.get("actorId").asString()).isEqualTo(john.userId());
            assertThat(meta.get("actorRole").asString()).isEqualTo("staff");
            assertThat(meta.get("tenant").asString()).isEqualTo(hotel.slug);
        });
    }

    @Test
    void aStaffMemberOutsideTheConversationIsForbiddenEverything() {
        long conversation = hotel.createStaffChat(john, mary);

        assertThat(hotel.api.get(hotel.staffChatMessages(conversation), paddy).status()).isEqualTo(403);
        HotelApi.Response send = hotel.api.post(hotel.sendStaffChatMessage(conversation), paddy,
                HotelApi.message("let me in"));
        assertThat(send.status()).isEqualTo(403);
        assertThat(send.get("detail").isString()).isTrue();
        assertThat(hotel.api.post(hotel.staffChatMarkRead(conversation), paddy, null).status()).isEqualTo(403);
        assertThat(hotel.api.get(hotel.staffChats(), paddy).body()).isEmpty();
    }

    @Test
    void creationValidatesEveryFieldWithItsName() {
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of()), "participant_ids: This field is required.");
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", List.of())),
                "participant_ids: Name at least one staff member besides yourself.");
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", List.of(john.userId()))),
                "participant_ids: Name at least one staff member besides yourself.");
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", List.of(true))),
                "participant_ids.0: A valid staff id (integer or string) is required.");
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", List.of(-4))),
                "participant_ids.0: A valid staff id (integer or string) is required.");
        assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", "46")),
                "participant_ids: Invalid value.");
        assertDetail(hotel.api.post(hotel.staffChats(), john,
                        Map.of("participant_ids", List.of(mary.userId()), "title", "t".repeat(101))),
                "title: Ensure this field has no more than 100 characters.");
    }

    @Test
    void sendingValidatesEveryFieldWithItsName() {
        long conversation = hotel.createStaffChat(john, mary);
        String url = hotel.sendStaffChatMessage(conversation);

        assertDetail(hotel.api.post(url, john, Map.of()), "message: This field is required.");
        assertDetail(hotel.api.post(url, john, Map.of("text", "   ")), "message: This field may not be blank.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "x".repeat(10_001))),
                "message: Ensure this field has no more than 10000 characters.");
        assertDetail(hotel.api.post(url, john, Map.of("message", Map.of("nested", 1))), "message: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", 123)), "message: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", true)), "message: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi", "client_message_id", 5)),
                "client_message_id: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi",
                        "attachments", List.of(Map.of("url", "https://x.example/a", "size", 1.5)))),
                "attachments.0.size: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "nul \u0000 here")),
                "message: Null characters are not allowed.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi",
                        "attachments", List.of(Map.of("url", "javascript:alert(1)")))),
                "attachments: Attachment url must be an absolute http or https URL.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi", "attachments", "file")),
                "attachments: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi", "attachments", List.of(Map.of("name", "a")))),
                "attachments.0.url: This field is required.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi",
                        "attachments", List.of(Map.of("url", "https://x", "size", "big")))),
                "attachments.0.size: Invalid value.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi", "client_message_id", " ")),
                "client_message_id: This field may not be blank.");
        assertDetail(hotel.api.post(url, john, Map.of("message", "hi", "client_message_id", "c".repeat(101))),
                "client_message_id: Ensure this field has no more than 100 characters.");

        HotelApi.Response attachmentOnly = hotel.api.post(url, john,
                Map.of("attachments", List.of(Map.of("url", "https://files.example/a.png"))));
        assertThat(attachmentOnly.status()).as(attachmentOnly.raw()).isEqualTo(201);
        assertThat(attachmentOnly.get("text").asString()).isEmpty();
        hotel.awaitPage(hotel.staffChatMessages(conversation), john, 1);
    }

    static void assertDetail(HotelApi.Response response, String detail) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.get("detail").asString()).isEqualTo(detail);
    }

    static List<String> fieldNames(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
