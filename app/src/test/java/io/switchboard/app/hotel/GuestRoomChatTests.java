package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 001: a room's guest and the front office, from the guest's first message to both sides having read. */
@SwitchboardIntegrationTest
class GuestRoomChatTests {

    @LocalServerPort
    int port;

    private Hotel hotel;
    private AuthenticatedUser guest;
    private AuthenticatedUser reception;

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        guest = hotel.guest("Mary Guest", "101", "BK-1001");
        reception = hotel.staff("John Doe");
    }

    @Test
    void theFirstMessageStartsTheRoomsThreadAndTheSecondJoinsIt() {
        JsonNode first = hotel.sendAsGuest(guest, "Could I get more towels?");

        assertThat(StaffChatTests.fieldNames(first)).containsExactly("id", "conversation", "room", "booking",
                "sender_type", "staff", "message", "timestamp", "read_by_staff", "read_by_guest", "attachments");
        assertThat(first.get("id").isIntegralNumber()).isTrue();
        assertThat(first.get("conversation").isIntegralNumber()).isTrue();
        assertThat(first.get("room").asString()).isEqualTo("101");
        assertThat(first.get("booking").asString()).isEqualTo("BK-1001");
        assertThat(first.get("sender_type").asString()).isEqualTo("guest");
        assertThat(first.get("staff").isNull()).isTrue();
        assertThat(first.get("message").asString()).isEqualTo("Could I get more towels?");
        assertThat(Instant.parse(first.get("timestamp").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(first.get("read_by_staff").asBoolean()).isFalse();
        assertThat(first.get("read_by_guest").asBoolean()).isTrue();
        assertThat(first.get("attachments")).isEmpty();

        JsonNode second = hotel.sendAsGuest(guest, "And a toothbrush");
        assertThat(second.get("conversation")).isEqualTo(first.get("conversation"));

        JsonNode page = hotel.awaitPage(hotel.guestMessages(), guest, 2);
        assertThat(page.get("conversation")).isEqualTo(first.get("conversation"));
        assertThat(page.get("results").get(0)).isEqualTo(first);
        assertThat(page.get("results").get(1).get("message").asString()).isEqualTo("And a toothbrush");
    }

    @Test
    void racingFirstMessagesEndUpInOneThread() throws Exception {
        int senders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HotelApi.Response>> sends = IntStream.range(0, senders)
                    .mapToObj(n -> pool.submit(() -> {
                        start.await();
                        return hotel.api.post(hotel.guestMessages(), guest, HotelApi.message("first " + n));
                    })).toList();
            start.countDown();

            Set<Long> threads = new HashSet<>();
            for (Future<HotelApi.Response> send : sends) {
                HotelApi.Response response = send.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.raw()).isEqualTo(201);
                threads.add(response.get("conversation").asLong());
            }
            assertThat(threads).hasSize(1);
            assertThat(hotel.awaitPage(hotel.guestMessages(), guest, senders).get("conversation").asLong())
                    .isEqualTo(threads.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGuestSeesNothingOfAnotherRoomNorOfTheRoomsPreviousBooking() {
        hotel.sendAsGuest(guest, "Private to room 101");
        hotel.awaitPage(hotel.guestMessages(), guest, 1);

        for (AuthenticatedUser other : new AuthenticatedUser[]{
                hotel.guest("Next Door", "102", "BK-1002"),
                hotel.guest("Next Guest Of 101", "101", "BK-2001")}) {
            HotelApi.Response theirs = hotel.api.get(hotel.guestMessages(), other);
            assertThat(theirs.status()).isEqualTo(200);
            assertThat(theirs.get("conversation").isNull()).isTrue();
            assertThat(theirs.get("results")).isEmpty();
            assertThat(theirs.get("has_more").asBoolean()).isFalse();

            JsonNode own = hotel.sendAsGuest(other, "Hello from " + other.room());
            assertThat(own.get("conversation").asLong()).isNotEqualTo(
                    hotel.api.get(hotel.guestMessages(), guest).get("conversation").asLong());
            assertThat(hotel.awaitPage(hotel.guestMessages(), other, 1).get("results").get(0).get("message")
                    .asString()).isEqualTo("Hello from " + other.room());
        }
    }

    @Test
    void theFrontOfficeSeesTheThreadUnreadRepliesAndBothSidesMarkRead() {
        long conversation = hotel.sendAsGuest(guest, "The heating is off").get("conversation").asLong();

        JsonNode row = await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.roomChats(), reception).body(),
                        list -> list.size() == 1 && list.get(0).get("message_count").asLong() == 1).get(0);
        assertThat(StaffChatTests.fieldNames(row)).containsExactly("id", "room", "booking", "guest",
                "participants_staff", "message_count", "last_message", "unread_count", "has_unread", "created_at",
                "updated_at");
        assertThat(row.get("id").asLong()).isEqualTo(conversation);
        assertThat(row.get("room").asString()).isEqualTo("101");
        assertThat(row.get("booking").asString()).isEqualTo("BK-1001");
        assertThat(row.get("guest").get("id").asString()).isEqualTo(guest.userId());
        assertThat(row.get("guest").get("name").asString()).isEqualTo("Mary Guest");
        assertThat(row.get("participants_staff")).isEmpty();
        assertThat(row.get("message_count").asLong()).isEqualTo(1);
        assertThat(row.get("last_message").get("message").asString()).isEqualTo("The heating is off");
        assertThat(row.get("last_message").has("read_by_staff")).as("no read state in a list row").isFalse();
        assertThat(row.get("has_unread").asBoolean()).isTrue();
        assertThat(row.get("unread_count").asLong()).isEqualTo(1);

        HotelApi.Response reply = hotel.api.post(hotel.roomChatMessages(conversation), reception,
                HotelApi.message("An engineer is on the way"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.get("sender_type").asString()).isEqualTo("staff");
        assertThat(reply.get("staff").get("id").asLong()).isEqualTo(Long.parseLong(reception.userId()));
        assertThat(reply.get("staff").get("name").asString()).isEqualTo("John Doe");
        assertThat(reply.get("room").asString()).isEqualTo("101");
        assertThat(reply.get("booking").isNull()).as("booking is on guest messages only").isTrue();
        assertThat(reply.get("read_by_staff").asBoolean()).isTrue();
        assertThat(reply.get("read_by_guest").asBoolean()).isFalse();

        assertThat(hotel.api.post(hotel.roomChatMarkRead(conversation), reception, null).status()).isEqualTo(200);
        JsonNode read = await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.roomChats(), reception).body().get(0),
                        current -> !current.get("has_unread").asBoolean()
                                && current.get("message_count").asLong() == 2);
        assertThat(read.get("participants_staff")).singleElement()
                .satisfies(staff -> assertThat(staff.get("name").asString()).isEqualTo("John Doe"));
        JsonNode staffView = hotel.api.get(hotel.roomChatMessages(conversation), reception).body().get("results");
        assertThat(staffView.get(0).get("read_by_staff").asBoolean()).isTrue();
        assertThat(staffView.get(1).get("read_by_guest").asBoolean()).as("the guest has not read the reply").isFalse();

        HotelApi.Response guestMarked = hotel.api.post(hotel.guestMarkRead(), guest, null);
        assertThat(guestMarked.status()).isEqualTo(200);
        assertThat(guestMarked.get("conversation").asLong()).isEqualTo(conversation);
        assertThat(guestMarked.get("marked_read").asBoolean()).isTrue();
        JsonNode guestView = await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.guestMessages(), guest).body().get("results"),
                        results -> results.get(1).get("read_by_guest").asBoolean());
        assertThat(guestView.get(1).get("staff").get("name").asString()).isEqualTo("John Doe");
        assertThat(guestView.get(0).get("read_by_staff").asBoolean()).isTrue();
    }

    @Test
    void aGuestWithoutAThreadMarksNothingRead() {
        HotelApi.Response marked = hotel.api.post(hotel.guestMarkRead(), guest, null);

        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.get("conversation").isNull()).isTrue();
        assertThat(marked.get("marked_read").asBoolean()).isFalse();
    }

    @Test
    void roomAndStaffChatUrlsNeverReachEachOthersConversations() {
        long room = hotel.sendAsGuest(guest, "Hello").get("conversation").asLong();
        long staffChat = hotel.createStaffChat(reception, hotel.staff("Mary Smith"));
        hotel.awaitPage(hotel.guestMessages(), guest, 1);

        assertThat(hotel.api.get(hotel.roomChatMessages(staffChat), reception).status()).isEqualTo(404);
        assertThat(hotel.api.post(hotel.roomChatMessages(staffChat), reception, HotelApi.message("x")).status())
                .isEqualTo(404);
        assertThat(hotel.api.post(hotel.roomChatMarkRead(staffChat), reception, null).status()).isEqualTo(404);
        assertThat(hotel.api.get(hotel.staffChatMessages(room), reception).status()).isEqualTo(404);
        assertThat(hotel.api.post(hotel.sendStaffChatMessage(room), reception, Map.of("text", "x")).status())
                .isEqualTo(404);
        assertThat(hotel.api.post(hotel.staffChatMarkRead(room), reception, null).status()).isEqualTo(404);
        assertThat(hotel.api.get(hotel.roomChats(), reception).body())
                .extracting(conversation -> conversation.get("id").asLong()).containsExactly(room);
    }
}
