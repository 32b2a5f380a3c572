package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hotel frontend already in use, as it calls the server: singular {@code hotel} URLs, {@code staff_chat},
 * {@code messages/send/}, the unread badge, {@code Authorization: Token …}, and pages read as
 * {@code response.messages}. Same behaviour as the seeds' plural URLs, which keep working.
 */
@SwitchboardIntegrationTest
class HotelFrontendDropInTests {

    @LocalServerPort
    int port;

    private Hotel hotel;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
    }

    private String frontendChat() {
        return "/api/staff/hotel/" + hotel.slug + "/chat/conversations/";
    }

    private String frontendStaffChat() {
        return "/api/staff/hotel/" + hotel.slug + "/staff_chat/conversations/";
    }

    @Test
    void theDjangoTokenSchemeIsAcceptedOnEveryRestEndpointAndOtherSchemesAreNot() {
        String token = TestTokens.token(john);
        HotelApi.Response listed = hotel.api.get(frontendStaffChat(), "Token " + token);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(hotel.api.get(hotel.staffChats(), "token " + token).status()).isEqualTo(200);
        HotelApi.Response created = hotel.api.postRaw(frontendStaffChat(), "Token " + token,
                "{\"participant_ids\":[" + mary.userId() + "]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        HotelApi.Response basic = hotel.api.get(frontendStaffChat(), "Basic " + token);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.get("detail").asString()).contains("Token <token>");
        assertThat(hotel.api.get(frontendStaffChat(), "Token not-a-jwt").status()).isEqualTo(401);
    }

    @Test
    void staffChatWorksThroughTheFrontendsUrlsAndPagesCarryMessages() {
        HotelApi.Response created = hotel.api.post(frontendStaffChat(), john,
                Map.of("participant_ids", List.of(Long.parseLong(mary.userId()))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.get("id").asLong();

        HotelApi.Response sent = hotel.api.post(frontendStaffChat() + id + "/send-message/", john,
                Map.of("message", "Hello from the frontend", "client_message_id", "c-1"));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);

        JsonNode page = await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendStaffChat() + id + "/messages/?limit=50", mary).body(),
                body -> body.get("messages") != null && body.get("messages").size() == 1);
        assertThat(page.get("messages")).isEqualTo(page.get("results"));
        assertThat(page.get("messages").get(0).get("text").asString()).isEqualTo("Hello from the frontend");
        assertThat(page.has("has_more")).isTrue();
        assertThat(page.has("next_before_id")).isTrue();
        assertThat(hotel.api.get(hotel.staffChatMessages(id) + "?limit=50", mary).body())
                .as("the seed's URL answers the same page").isEqualTo(page);

        JsonNode badge = hotel.api.get(frontendStaffChat() + "unread-count/", mary).body();
        assertThat(badge.get("total_unread").asLong()).isEqualTo(1);
        assertThat(hotel.api.post(frontendStaffChat() + id + "/mark-read/", mary, Map.of()).status()).isEqualTo(200);
        await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendStaffChat() + "unread-count/", mary).body().get("total_unread").asLong(),
                total -> total == 0);
    }

    @Test
    void roomThreadsWorkThroughTheFrontendsUrlsWithTheUnreadBadge() {
        AuthenticatedUser guest = hotel.guest("Grace Guest", "101", "B-101");
        hotel.sendAsGuest(guest, "Could I get more towels?");
        hotel.sendAsGuest(guest, "And a late checkout?");

        JsonNode conversations = await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendChat(), john).body(), list -> list.isArray() && list.size() == 1);
        long id = conversations.get(0).get("id").asLong();

        JsonNode badge = await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendChat() + "unread-count/", john).body(),
                body -> body.get("total_unread").asLong() == 2);
        assertThat(badge.get("conversations")).singleElement().satisfies(entry -> {
            assertThat(entry.get("conversation_id").asLong()).isEqualTo(id);
            assertThat(entry.get("unread_count").asLong()).isEqualTo(2);
        });
        assertThat(hotel.api.get("/api/staff/hotels/" + hotel.slug + "/chat/conversations/unread-count/", john).body())
                .isEqualTo(badge);

        HotelApi.Response reply = hotel.api.post(frontendChat() + id + "/messages/send/", john,
                Map.of("message", "On their way", "client_message_id", "reply-1"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        JsonNode page = await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendChat() + id + "/messages/?limit=50&before_id=", john).body(),
                body -> body.get("messages") != null && body.get("messages").size() == 3);
        assertThat(page.get("messages").get(2).get("message").asString()).isEqualTo("On their way");

        assertThat(hotel.api.post(frontendChat() + id + "/mark-read/", john, Map.of()).status()).isEqualTo(200);
        JsonNode cleared = await().atMost(Hotel.READ_MODEL_WAIT).until(
                () -> hotel.api.get(frontendChat() + "unread-count/", john).body(),
                body -> body.get("total_unread").asLong() == 0);
        assertThat(cleared.get("conversations")).isEmpty();

        Hotel other = new Hotel(hotel.api);
        assertThat(hotel.api.get("/api/staff/hotel/" + other.slug + "/chat/conversations/unread-count/", john)
                .status()).as("another hotel's badge").isEqualTo(404);
    }
}
