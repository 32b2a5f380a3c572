package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the one text check refuses is answered 400 naming the field and stores nothing; a guest's refused first
 * message leaves no thread (no events, no natural key). Counted on the real tables.
 */
@SwitchboardIntegrationTest
class RefusedInputTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Hotel hotel;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private long keysOf(String tenant) {
        return jdbc.queryForObject("select count(*) from conversation_key where tenant = ?", Long.class, tenant);
    }

    /** The case: accepted once, this key broke the conversation's snapshot (and every later command). */
    @Test
    void aLoneSurrogateClientMessageIdIsRefusedAndStoresNothing() {
        long conversation = hotel.createStaffChat(john, mary);
        long before = events();

        HotelApi.Response sent = hotel.api.postRaw(hotel.sendStaffChatMessage(conversation), TestTokens.bearer(john),
                "{\"text\":\"x\",\"client_message_id\":\"\\ud800\"}");

        assertThat(sent.status()).as(sent.raw()).isEqualTo(400);
        assertThat(sent.get("detail").asString())
                .isEqualTo("client_message_id: Unpaired surrogate characters are not allowed.");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void everyTextFieldRefusesWhatItCouldNotReadBackUnchanged() {
        long conversation = hotel.createStaffChat(john, mary);
        String url = hotel.sendStaffChatMessage(conversation);
        Map<String, String> bodies = Map.of(
                "{\"text\":\"a\\udc00\"}", "message: Unpaired surrogate characters are not allowed.",
                "{\"message\":\"a\\uffff\"}", "message: Unicode non-characters are not allowed.",
                "{\"message\":\"a\\u0000\"}", "message: Null characters are not allowed.",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/a\",\"mime_type\":\"\\uffff\"}]}",
                "attachments.0.mime_type: Unicode non-characters are not allowed.",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/\\ud800\"}]}",
                "attachments.0.url: Unpaired surrogate characters are not allowed.",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/a\",\"name\":\"\\ufdd0\"}]}",
                "attachments.0.name: Unicode non-characters are not allowed.",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/a\",\"mime_type\":\""
                        + "x".repeat(256) + "\"}]}",
                "attachments.0.mime_type: Ensure this field has no more than 255 characters.");
        long before = events();
        bodies.forEach((body, detail) -> {
            HotelApi.Response refused = hotel.api.postRaw(url, TestTokens.bearer(john), body);
            assertThat(refused.status()).as(body + " → " + refused.raw()).isEqualTo(400);
            assertThat(refused.get("detail").asString()).as(body).isEqualTo(detail);
        });
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aStaffChatTitleOrParticipantIdWithALoneSurrogateIsRefusedNotReadBackAsQuestionMarks() {
        long before = events();
        HotelApi.Response title = hotel.api.postRaw(hotel.staffChats(), TestTokens.bearer(john),
                "{\"participant_ids\":[" + mary.userId() + "],\"title\":\"night \\ud800\"}");
        HotelApi.Response id = hotel.api.postRaw(hotel.staffChats(), TestTokens.bearer(john),
                "{\"participant_ids\":[\"47\\ud800\"]}");

        assertThat(title.status()).as(title.raw()).isEqualTo(400);
        assertThat(title.get("detail").asString()).isEqualTo("title: Unpaired surrogate characters are not allowed.");
        assertThat(id.status()).as(id.raw()).isEqualTo(400);
        assertThat(id.get("detail").asString()).startsWith("participant_ids.0: ");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aRefusedFirstGuestMessageCreatesNoThread() {
        AuthenticatedUser guest = hotel.guest("Ann Guest", "101", "B-1");
        List<String> refusedFirstMessages = List.of(
                "{\"message\":\"nul \\u0000\"}",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"javascript:alert(1)\"}]}",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/a\",\"mime_type\":\""
                        + "x".repeat(256) + "\"}]}",
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"https://f.example/a\",\"size\":9007199254740992}]}",
                "{\"message\":\"x\",\"client_message_id\":\"a\\u0000\"}",
                "{\"message\":\"x\",\"client_message_id\":\"\\ud800\"}");
        long before = events();
        for (String body : refusedFirstMessages) {
            HotelApi.Response refused = hotel.api.postRaw(hotel.guestMessages(), TestTokens.bearer(guest), body);
            assertThat(refused.status()).as(body + " → " + refused.raw()).isEqualTo(400);
        }
        assertThat(events()).as("no events").isEqualTo(before);
        assertThat(keysOf(hotel.slug)).as("no natural key claimed").isZero();
        HotelApi.Response markRead = hotel.api.post(hotel.guestMarkRead(), guest, null);
        assertThat(markRead.get("conversation").isNull()).as(markRead.raw()).isTrue();

        hotel.sendAsGuest(guest, "Could I get more towels?");
        assertThat(keysOf(hotel.slug)).isEqualTo(1);
        assertThat(events()).as("started and sent, nothing else").isEqualTo(before + 2);
    }

    @Test
    void aRefusedFirstMessageThatOnlyTheAggregateCatchesStillCreatesNoThread() {
        AuthenticatedUser guest = hotel.guest("Ann Guest", "102", "B-2");
        long before = events();

        HotelApi.Response refused = hotel.api.postRaw(hotel.guestMessages(), TestTokens.bearer(guest),
                "{\"message\":\"x\",\"attachments\":[{\"url\":\"data:text/html,<b>x</b>\"}]}");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.get("detail").asString()).startsWith("attachments: ");
        assertThat(events()).isEqualTo(before);
        assertThat(keysOf(hotel.slug)).isZero();
    }
}
