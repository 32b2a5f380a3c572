package io.switchboard.app.hotel;

import com.pusher.client.util.HttpChannelAuthorizer;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.testsupport.PusherTestClient;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Guest-room messages travel on private Pusher channels only: real pusher-java-clients join them through
 * {@code POST /api/pusher/auth} with their bearer token (the library's own {@link HttpChannelAuthorizer}), soketi
 * checks the signature, and only the room's guest and the hotel's staff hear the guest.
 */
class GuestChatPusherAuthTests extends PusherAppTest {

    private static final String AUTH = "/api/pusher/auth";
    private static final String MESSAGE_CREATED = "realtime_guest_chat_message_created";
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void theRoomsGuestAndTheHotelsStaffHearTheGuestAndAnotherRoomsGuestIsRefused() {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser ann = hotel.guest("Ann Guest", "305", "BK-9");
        AuthenticatedUser ned = hotel.guest("Ned Nextdoor", "306", "BK-10");
        AuthenticatedUser reception = hotel.staff("John Doe");
        long annsThread = hotel.sendAsGuest(ann, "Hello").get("conversation").asLong();
        long nedsThread = hotel.sendAsGuest(ned, "Hi").get("conversation").asLong();
        String thread = "private-" + hotel.slug + ".guest-chat." + annsThread;
        String frontOffice = "private-" + hotel.slug + ".guest-chat-notifications";
        String nedsChannel = "private-" + hotel.slug + ".guest-chat." + nedsThread;
        // The realtime projector learns of a new thread from the event store, a moment after the first message.
        awaitAuthorized(hotel, ann, thread);
        awaitAuthorized(hotel, ned, nedsChannel);

        try (PusherTestClient annsApp = clientOf(ann);
             PusherTestClient frontDesk = clientOf(reception);
             PusherTestClient nedsApp = clientOf(ned)) {
            annsApp.subscribe(thread);
            frontDesk.subscribe(thread);
            frontDesk.subscribe(frontOffice);
            nedsApp.subscribe(nedsChannel);
            assertThat(nedsApp.subscribeRefused(thread)).contains("403");
            assertThat(nedsApp.subscribeRefused(frontOffice)).contains("403");

            JsonNode sent = hotel.sendAsGuest(ann, "Could I get towels?");

            for (PusherTestClient listener : List.of(annsApp, frontDesk)) {
                assertGuestMessage(awaitText(listener, thread, "Could I get towels?"), hotel, sent, annsThread, ann);
            }
            assertGuestMessage(awaitText(frontDesk, frontOffice, "Could I get towels?"), hotel, sent, annsThread, ann);

            // Published after Ann's message on Ned's same connection: had Ann's reached him, it would have come first.
            hotel.sendAsGuest(ned, "Hello from 306");
            awaitText(nedsApp, nedsChannel, "Hello from 306");
            assertThat(nedsApp.received(thread, MESSAGE_CREATED)).isEmpty();
            assertThat(nedsApp.received(frontOffice, MESSAGE_CREATED)).isEmpty();
        }
    }

    @Test
    void refusalsAreDjangoStyleErrorsThatRevealNothing() {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser ann = hotel.guest("Ann Guest", "305", "BK-9");
        AuthenticatedUser ned = hotel.guest("Ned Nextdoor", "306", "BK-10");
        long annsThread = hotel.sendAsGuest(ann, "Hello").get("conversation").asLong();
        String thread = "private-" + hotel.slug + ".guest-chat." + annsThread;
        awaitAuthorized(hotel, ann, thread);

        HotelApi.Response anonymous = hotel.api.postRaw(AUTH, null, body("1.2", thread));
        HotelApi.Response anotherRoom = hotel.api.post(AUTH, ned, Map.of("socket_id", "1.2", "channel_name", thread));
        HotelApi.Response unknown = hotel.api.post(AUTH, ned, Map.of("socket_id", "1.2",
                "channel_name", "private-" + hotel.slug + ".guest-chat." + Long.MAX_VALUE / 10));
        HotelApi.Response badSocket = hotel.api.post(AUTH, ann, Map.of("socket_id", "1.2:" + thread,
                "channel_name", thread));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
        assertThat(anotherRoom.status()).as(anotherRoom.raw()).isEqualTo(403);
        assertThat(anotherRoom.body()).isEqualTo(unknown.body());
        assertThat(anotherRoom.get("detail").asString()).isEqualTo("You do not have permission to perform this action.");
        assertThat(badSocket.status()).isEqualTo(403);
        assertThat(badSocket.get("detail").asString()).isEqualTo("socket_id: Invalid value.");
    }

    private static String body(String socketId, String channel) {
        return HotelApi.JSON.writeValueAsString(Map.of("socket_id", socketId, "channel_name", channel));
    }

    /** Until the realtime projector knows the thread; answers JSON, the endpoint's second request format. */
    private static void awaitAuthorized(Hotel hotel, AuthenticatedUser user, String channel) {
        HotelApi.Response granted = await(user.name() + " authorized for " + channel).atMost(DELIVERY)
                .until(() -> hotel.api.post(AUTH, user, Map.of("socket_id", "1.2", "channel_name", channel)),
                        response -> response.status() == 200);
        assertThat(granted.body().propertyNames()).containsExactly("auth");
        assertThat(granted.get("auth").asString()).matches(SOKETI.key() + ":[0-9a-f]{64}");
    }

    private static void assertGuestMessage(JsonNode event, Hotel hotel, JsonNode sent, long conversation,
                                           AuthenticatedUser guest) {
        assertThat(event.get("category").asString()).isEqualTo("guest_chat");
        assertThat(event.get("type").asString()).isEqualTo("message_created");
        JsonNode payload = event.get("payload");
        assertThat(payload.get("id").asLong()).isEqualTo(sent.get("id").asLong());
        assertThat(payload.get("conversation_id").asLong()).isEqualTo(conversation);
        assertThat(payload.get("room").asString()).isEqualTo(guest.room());
        assertThat(payload.get("booking").asString()).isEqualTo(guest.booking());
        assertThat(payload.get("sender_type").asString()).isEqualTo("guest");
        assertThat(payload.get("sender_id").asString()).isEqualTo(guest.userId());
        assertThat(payload.get("sender_name").asString()).isEqualTo(guest.name());
        assertThat(payload.get("text").asString()).isEqualTo(sent.get("message").asString());
        assertThat(event.at("/meta/hotel_slug").asString()).isEqualTo(hotel.slug);
    }

    /** One user's pusher-java-client, joining private channels through the app's endpoint with its bearer token. */
    private PusherTestClient clientOf(AuthenticatedUser user) {
        HttpChannelAuthorizer authorizer = new HttpChannelAuthorizer("http://127.0.0.1:" + port + AUTH);
        authorizer.setHeaders(Map.of("Authorization", "Bearer " + TestTokens.token(user)));
        return new PusherTestClient(SOKETI, authorizer);
    }

    /** The first message with this text; one sent before the subscription may or may not arrive as well. */
    private static JsonNode awaitText(PusherTestClient client, String channel, String text) {
        return await(text + " on " + channel).atMost(DELIVERY).until(() -> client.received(channel, MESSAGE_CREATED)
                .stream().filter(event -> event.at("/payload/text").asString().equals(text)).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
