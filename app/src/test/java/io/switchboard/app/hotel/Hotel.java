package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One fresh hotel per test (a random slug), its people and its URLs. The app shares one database across tests, so
 * nothing here assumes another hotel's data is absent.
 */
final class Hotel {

    /** Numeric staff ids, as the hotel frontends know staff: tokens carry them as digit strings. */
    private static final AtomicLong STAFF_IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000, 1_000_000));

    static final Duration READ_MODEL_WAIT = Duration.ofSeconds(15);

    final String slug = "hotel-" + UUID.randomUUID().toString().substring(0, 8);
    final HotelApi api;

    Hotel(HotelApi api) {
        this.api = api;
    }

    AuthenticatedUser staff(String name) {
        return AuthenticatedUser.of(Long.toString(STAFF_IDS.incrementAndGet()), name, slug, Role.STAFF);
    }

    AuthenticatedUser guest(String name, String room, String booking) {
        return new AuthenticatedUser("guest-" + UUID.randomUUID(), name, null, slug, Role.GUEST, room, booking);
    }

    String staffChats() {
        return "/api/staff/hotels/" + slug + "/staff-chat/conversations/";
    }

    String staffChatMessages(long conversationId) {
        return staffChats() + conversationId + "/messages/";
    }

    String staffChatMarkRead(long conversationId) {
        return staffChats() + conversationId + "/mark-read/";
    }

    /** Seed 000's URL. */
    String sendStaffChatMessage(long conversationId) {
        return "/api/staff-chat/" + slug + "/conversations/" + conversationId + "/send-message/";
    }

    String roomChats() {
        return "/api/staff/hotels/" + slug + "/chat/conversations/";
    }

    String roomChatMessages(long conversationId) {
        return roomChats() + conversationId + "/messages/";
    }

    String roomChatMarkRead(long conversationId) {
        return roomChats() + conversationId + "/mark-read/";
    }

    String guestMessages() {
        return "/api/guest/hotels/" + slug + "/chat/messages/";
    }

    String guestMarkRead() {
        return "/api/guest/hotels/" + slug + "/chat/mark-read/";
    }

    /** Creates a staff chat (ids sent as JSON numbers) and waits until its creator can read it. */
    long createStaffChat(AuthenticatedUser creator, AuthenticatedUser... others) {
        Object[] ids = Arrays.stream(others).map(other -> Long.parseLong(other.userId())).toArray();
        HotelApi.Response created = api.post(staffChats(), creator, Map.of("participant_ids", ids));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.get("id").asLong();
        awaitPage(staffChatMessages(id), creator, 0);
        return id;
    }

    JsonNode sendStaffChat(long conversationId, AuthenticatedUser sender, String text) {
        HotelApi.Response sent = api.post(sendStaffChatMessage(conversationId), sender, Map.of("text", text));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        return sent.body();
    }

    JsonNode sendAsGuest(AuthenticatedUser guest, String text) {
        HotelApi.Response sent = api.post(guestMessages(), guest, HotelApi.message(text));
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
        return sent.body();
    }

    /** The newest page of {@code url} once the read model holds exactly {@code messages} messages. */
    JsonNode awaitPage(String url, AuthenticatedUser viewer, int messages) {
        String page = url + (url.contains("?") ? "&" : "?") + "limit=100";
        return await("a page of " + messages + " messages at " + url).atMost(READ_MODEL_WAIT)
                .until(() -> api.get(page, viewer), response -> response.status() == 200
                        && response.get("results").size() == messages).body();
    }
}
