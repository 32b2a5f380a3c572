package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.testsupport.PusherTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seed 000 end to end: a message sent through the REST URL reaches real Pusher subscribers as
 * {@code realtime_staff_chat_message_created}, on the conversation channel and every other participant's
 * notification channel, never the sender's own.
 */
class StaffChatPusherTests extends PusherAppTest {

    private static final String EVENT = "realtime_staff_chat_message_created";

    @Test
    void aSentMessageReachesTheConversationAndTheOtherParticipantsButNotTheSender() {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser john = hotel.staff("John Doe");
        AuthenticatedUser mary = hotel.staff("Mary Smith");
        AuthenticatedUser paddy = hotel.staff("Paddy Byrne");
        long conversation = hotel.createStaffChat(john, mary, paddy);
        String conversationChannel = hotel.slug + ".staff-chat." + conversation;
        String marysChannel = hotel.slug + ".staff-" + mary.userId() + "-notifications";
        String johnsChannel = hotel.slug + ".staff-" + john.userId() + "-notifications";

        try (PusherTestClient subscriber = new PusherTestClient(SOKETI)) {
            subscriber.subscribe(conversationChannel, marysChannel, johnsChannel);

            JsonNode sent = hotel.sendStaffChat(conversation, john, "Hello world");

            Set<String> eventIds = new HashSet<>();
            for (String channel : List.of(conversationChannel, marysChannel)) {
                JsonNode event = await(channel).atMost(Duration.ofSeconds(20))
                        .until(() -> subscriber.received(channel, EVENT), events -> !events.isEmpty()).get(0);
                assertEnvelope(event, hotel.slug, sent, conversation, john);
                eventIds.add(event.get("meta").get("event_id").asString());
            }
            // the hotel frontend dedupes on meta.event_id: one message, one id, whichever channel it came through
            assertThat(eventIds).hasSize(1);

            // Events of one conversation are published in order: once Mary's reply reaches John's channel, John's own
            // earlier message would have arrived before it, had it been sent there.
            JsonNode reply = hotel.sendStaffChat(conversation, mary, "On my way");
            List<JsonNode> johns = await(johnsChannel).atMost(Duration.ofSeconds(20))
                    .until(() -> subscriber.received(johnsChannel, EVENT), events -> !events.isEmpty());
            assertThat(johns).singleElement().satisfies(event -> assertEnvelope(event, hotel.slug, reply,
                    conversation, mary));
            assertThat(subscriber.received(conversationChannel, EVENT)).hasSize(2);
        }
    }

    private static void assertEnvelope(JsonNode event, String hotelSlug, JsonNode sent, long conversation,
                                       AuthenticatedUser sender) {
        assertThat(StaffChatTests.fieldNames(event)).containsExactly("category", "type", "payload", "meta");
        assertThat(event.get("category").asString()).isEqualTo("staff_chat");
        assertThat(event.get("type").asString()).isEqualTo("message_created");

        JsonNode payload = event.get("payload");
        assertThat(StaffChatTests.fieldNames(payload)).containsExactly("id", "conversation_id", "text", "sender_id",
                "sender_name", "timestamp", "attachments", "is_system_message");
        assertThat(payload.get("id").isIntegralNumber()).isTrue();
        assertThat(payload.get("id").asLong()).isEqualTo(sent.get("id").asLong());
        assertThat(payload.get("conversation_id").isIntegralNumber()).isTrue();
        assertThat(payload.get("conversation_id").asLong()).isEqualTo(conversation);
        assertThat(payload.get("text").asString()).isEqualTo(sent.get("text").asString());
        assertThat(payload.get("sender_id").isIntegralNumber()).isTrue();
        assertThat(payload.get("sender_id").asLong()).isEqualTo(Long.parseLong(sender.userId()));
        assertThat(payload.get("sender_name").asString()).isEqualTo(sender.name());
        assertThat(payload.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(payload.get("timestamp").asString()))
                .isEqualTo(Instant.parse(sent.get("timestamp").asString()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(payload.get("attachments").isArray()).isTrue();
        assertThat(payload.get("attachments")).isEmpty();
        assertThat(payload.get("is_system_message").isBoolean()).isTrue();
        assertThat(payload.get("is_system_message").asBoolean()).isFalse();

        JsonNode meta = event.get("meta");
        assertThat(StaffChatTests.fieldNames(meta)).containsExactly("hotel_slug", "event_id", "ts", "scope");
        assertThat(meta.get("hotel_slug").asString()).isEqualTo(hotelSlug);
        assertThat(meta.get("event_id").asString()).isNotBlank();
        assertThat(Instant.parse(meta.get("ts").asString())).isBeforeOrEqualTo(Instant.now());
        JsonNode scope = meta.get("scope");
        assertThat(StaffChatTests.fieldNames(scope)).containsExactly("conversation_id", "sender_id");
        assertThat(scope.get("conversation_id").isIntegralNumber()).isTrue();
        assertThat(scope.get("conversation_id").asLong()).isEqualTo(conversation);
        assertThat(scope.get("sender_id").isIntegralNumber()).isTrue();
        assertThat(scope.get("sender_id").asLong()).isEqualTo(Long.parseLong(sender.userId()));
    }
}
