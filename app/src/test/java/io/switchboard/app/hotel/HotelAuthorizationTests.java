package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets what: 401 without a valid token, 403 for the wrong role, 404 for another hotel (never its data), 400 for
 * malformed input and never a 500.
 */
@SwitchboardIntegrationTest
class HotelAuthorizationTests {

    @LocalServerPort
    int port;

    private Hotel hotel;
    private Hotel otherHotel;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;
    private AuthenticatedUser guest;
    private long staffChat;
    private long roomThread;

    @BeforeEach
    void twoHotels() {
        HotelApi api = new HotelApi(port);
        hotel = new Hotel(api);
        otherHotel = new Hotel(api);
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
        guest = hotel.guest("Room Guest", "7", "BK-7");
        staffChat = hotel.createStaffChat(john, mary);
        roomThread = hotel.sendAsGuest(guest, "Hello").get("conversation").asLong();
        hotel.awaitPage(hotel.guestMessages(), guest, 1);
    }

    @Test
    void anotherHotelsStaffGetNotFoundForEveryUrlAndNoData() {
        AuthenticatedUser stranger = otherHotel.staff("Stranger");
        // the stranger's token names their own hotel; the URLs name ours
        for (String url : List.of(hotel.staffChats(), hotel.staffChatMessages(staffChat), hotel.roomChats(),
                hotel.roomChatMessages(roomThread))) {
            HotelApi.Response response = hotel.api.get(url, stranger);
            assertThat(response.status()).as(url).isEqualTo(404);
            assertThat(response.body()).as(url).isEqualTo(HotelApi.JSON.readTree("{\"detail\":\"Not found.\"}"));
        }
        for (String url : List.of(hotel.sendStaffChatMessage(staffChat), hotel.roomChatMessages(roomThread),
                hotel.roomChatMarkRead(roomThread), hotel.staffChatMarkRead(staffChat), hotel.staffChats())) {
            assertThat(hotel.api.post(url, stranger, Map.of("message", "hi", "participant_ids", List.of(1)))
                    .status()).as(url).isEqualTo(404);
        }
    }

    @Test
    void anotherHotelsConversationIdsUnderTheirOwnHotelAreNotFound() {
        AuthenticatedUser stranger = otherHotel.staff("Stranger");

        // Exactly what an id that exists nowhere gets: nothing tells the stranger the conversation exists.
        for (HotelApi.Response response : List.of(
                hotel.api.get(otherHotel.staffChatMessages(staffChat), stranger),
                hotel.api.get(otherHotel.roomChatMessages(roomThread), stranger),
                hotel.api.post(otherHotel.sendStaffChatMessage(staffChat), stranger, Map.of("text", "hi")),
                hotel.api.post(otherHotel.roomChatMessages(roomThread), stranger, HotelApi.message("hi")),
                hotel.api.post(otherHotel.roomChatMarkRead(roomThread), stranger, null),
                hotel.api.post(otherHotel.sendStaffChatMessage(Long.MAX_VALUE), stranger, Map.of("text", "hi")))) {
            assertThat(response.status()).as(response.raw()).isEqualTo(404);
            assertThat(response.raw()).isEqualTo("{\"detail\":\"Not found.\"}");
        }
        assertThat(hotel.api.get(otherHotel.roomChats(), stranger).body()).isEmpty();
    }

    @Test
    void aGuestIsForbiddenEveryStaffUrlAndStaffEveryGuestUrl() {
        for (String url : List.of(hotel.staffChats(), hotel.staffChatMessages(staffChat), hotel.roomChats(),
                hotel.roomChatMessages(roomThread))) {
            assertThat(hotel.api.get(url, guest).status()).as(url).isEqualTo(403);
        }
        for (String url : List.of(hotel.sendStaffChatMessage(staffChat), hotel.roomChatMessages(roomThread),
                hotel.roomChatMarkRead(roomThread), hotel.staffChats())) {
            HotelApi.Response response = hotel.api.post(url, guest, Map.of("message", "hi"));
            assertThat(response.status()).as(url).isEqualTo(403);
            assertThat(response.get("detail").asString())
                    .isEqualTo("You do not have permission to perform this action.");
        }
        assertThat(hotel.api.get(hotel.guestMessages(), john).status()).isEqualTo(403);
        assertThat(hotel.api.post(hotel.guestMessages(), john, HotelApi.message("hi")).status()).isEqualTo(403);
        assertThat(hotel.api.post(hotel.guestMarkRead(), john, null).status()).isEqualTo(403);
    }

    @Test
    void aGuestTokenWithoutRoomOrForAnotherHotelReachesNoThread() {
        AuthenticatedUser roomless = hotel.guest("No Room", null, null);
        assertThat(hotel.api.post(hotel.guestMessages(), roomless, HotelApi.message("hi")).status()).isEqualTo(403);

        AuthenticatedUser elsewhere = otherHotel.guest("Elsewhere", "7", "BK-7");
        HotelApi.Response response = hotel.api.get(hotel.guestMessages(), elsewhere);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).doesNotContain("Hello");
    }

    @Test
    void missingExpiredOrForgedTokensAreUnauthorized() {
        String url = hotel.staffChatMessages(staffChat);

        assertThat(hotel.api.get(url, (String) null).status()).isEqualTo(401);
        assertThat(hotel.api.get(url, "Bearer " + TestTokens.expired(john)).status()).isEqualTo(401);
        HotelApi.Response forged = hotel.api.get(url,
                "Bearer " + TestTokens.signedWith(john, "another-secret-another-secret-another-secret"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.get("detail").isString()).isTrue();
        assertThat(hotel.api.postRaw(hotel.sendStaffChatMessage(staffChat), null, "{\"text\":\"hi\"}").status())
                .isEqualTo(401);
        assertThat(hotel.api.postRaw(hotel.guestMessages(), "Token abc", "{\"message\":\"hi\"}").status())
                .isEqualTo(401);
    }

    @Test
    void malformedRequestsAreBadRequestsNeverServerErrors() {
        String bearer = "Bearer " + TestTokens.token(john);
        String send = hotel.sendStaffChatMessage(staffChat);

        for (String body : List.of("{not json", "[]", "\"text\"", "42", "{\"text\": [1, 2]}",
                "{\"attachments\": {\"url\": 1}}", "{\"text\": \"hi\", \"attachments\": [null]}",
                "{\"text\": \"hi\", \"attachments\": [{\"url\": \"https://x\", \"size\": -1}]}")) {
            HotelApi.Response response = hotel.api.postRaw(send, bearer, body);
            assertThat(response.status()).as(body + " -> " + response.raw()).isEqualTo(400);
            assertThat(response.get("detail").isString()).as(body).isTrue();
        }
        assertThat(hotel.api.postRaw(send, bearer, null).status()).isEqualTo(400);
        assertThat(hotel.api.postRaw(hotel.staffChats(), bearer, "{\"participant_ids\": [{\"id\": 1}]}").status())
                .isEqualTo(400);
        assertThat(hotel.api.postRaw(hotel.staffChats(), bearer, "{\"participant_ids\": [46], \"title\": {}}")
                .status()).isEqualTo(400);
        assertThat(hotel.api.get(hotel.staffChats() + "abc/messages/", bearer).status()).isEqualTo(404);
        assertThat(hotel.api.get(hotel.staffChats() + "?limit=x", bearer).status()).isEqualTo(400);
        assertThat(hotel.api.get(hotel.roomChats() + "?offset=-1", bearer).status()).isEqualTo(400);
        assertThat(hotel.api.get(hotel.staffChatMessages(Long.MAX_VALUE), bearer).status()).isEqualTo(404);
        assertThat(hotel.api.postRaw(hotel.roomChatMessages(Long.MAX_VALUE), bearer, "{\"message\": \"hi\"}")
                .status()).isEqualTo(404);
        assertThat(hotel.api.postRaw(hotel.staffChatMarkRead(Long.MAX_VALUE), bearer, null).status()).isEqualTo(404);
    }
}
