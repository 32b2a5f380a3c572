package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PusherEnvelopesTests {

    /** The example payload of seed 000, verbatim. */
    private static final String SEED_000_EXAMPLE = """
            {
              "category": "staff_chat",
              "type": "message_created",
              "payload": {
                "id": 123,
                "conversation_id": 100,
                "text": "Hello world",
                "sender_id": 45,
                "sender_name": "John Doe",
                "timestamp": "2025-12-08T14:30:00Z",
                "attachments": [],
                "is_system_message": false
              },
              "meta": {
                "hotel_slug": "killarney",
                "event_id": "uuid-string",
                "ts": "2025-12-08T14:30:00Z",
                "scope": {
                  "conversation_id": 100,
                  "sender_id": 45
                }
              }
            }""";
    private static final Instant SEED_TIME = Instant.parse("2025-12-08T14:30:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PusherEnvelopes envelopes = new PusherEnvelopes();

    private static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    private static PusherAudience staffChat() {
        return new PusherAudience(100, "killarney", ConversationKind.STAFF, null, null, List.of(
                new PusherAudience.Member("45", Role.STAFF, true), new PusherAudience.Member("46", Role.STAFF, true)));
    }

    private static PusherAudience guestRoom() {
        return new PusherAudience(55, "hotel-killarney", ConversationKind.GUEST_ROOM, "101", "BK-2231", List.of(
                new PusherAudience.Member("guest-9", Role.GUEST, true),
                new PusherAudience.Member("7", Role.STAFF, true)));
    }

    private static MessageSent message(long conversationId, String senderId, Role role, MessageType type, String text,
                                       List<Attachment> attachments, Instant sentAt) {
        return new MessageSent(conversationId, "killarney", 123, 1, senderId, "John Doe", role, type, text, null,
                attachments, null, sentAt);
    }

    private JsonNode staffData(MessageSent message) {
        return parse(envelopes.messageCreated(staffChat(), message, "uuid-string", SEED_TIME).orElseThrow().data());
    }

    @Nested
    class StaffChatMessageCreated {

        private final MessageSent seedMessage = message(100, "45", Role.STAFF, MessageType.TEXT, "Hello world",
                List.of(), SEED_TIME);

        @Test
        void isSeed000sExampleExactly() {
            PusherEvent event = envelopes.messageCreated(staffChat(), seedMessage, "uuid-string", SEED_TIME)
                    .orElseThrow();

            assertThat(event.name()).isEqualTo("realtime_staff_chat_message_created");
            assertThat(parse(event.data())).isEqualTo(parse(SEED_000_EXAMPLE));
        }

        @Test
        void writesEveryFieldWithTheSeedsTypeAndOrder() {
            JsonNode data = staffData(seedMessage);
            JsonNode payload = data.get("payload");
            JsonNode meta = data.get("meta");

            assertThat(data.propertyNames()).containsExactly("category", "type", "payload", "meta");
            assertThat(payload.propertyNames()).containsExactly("id", "conversation_id", "text", "sender_id",
                    "sender_name", "timestamp", "attachments", "is_system_message");
            assertThat(meta.propertyNames()).containsExactly("hotel_slug", "event_id", "ts", "scope");
            assertThat(data.get("category").stringValue()).isEqualTo("staff_chat");
            assertThat(data.get("type").stringValue()).isEqualTo("message_created");
            assertThat(payload.get("id").isIntegralNumber()).isTrue();
            assertThat(payload.get("id").longValue()).isEqualTo(123);
            assertThat(payload.get("conversation_id").isIntegralNumber()).isTrue();
            assertThat(payload.get("conversation_id").longValue()).isEqualTo(100);
            assertThat(payload.get("text").stringValue()).isEqualTo("Hello world");
            assertThat(payload.get("sender_id").isIntegralNumber()).isTrue();
            assertThat(payload.get("sender_id").longValue()).isEqualTo(45);
            assertThat(payload.get("sender_name").stringValue()).isEqualTo("John Doe");
            assertThat(payload.get("timestamp").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
            assertThat(payload.get("attachments").isArray()).isTrue();
            assertThat(payload.get("is_system_message").isBoolean()).isTrue();
            assertThat(meta.get("hotel_slug").stringValue()).isEqualTo("killarney");
            assertThat(meta.get("event_id").stringValue()).isEqualTo("uuid-string");
            assertThat(meta.get("ts").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
            assertThat(meta.get("scope").get("conversation_id").isIntegralNumber()).isTrue();
            assertThat(meta.get("scope").get("sender_id").isIntegralNumber()).isTrue();
        }

        @Test
        void writesTimestampsAsUtcSecondsWhateverTheirPrecision() {
            MessageSent precise = message(100, "45", Role.STAFF, MessageType.TEXT, "hi", List.of(),
                    Instant.parse("2025-12-08T14:30:00.987654321Z"));

            JsonNode data = parse(envelopes.messageCreated(staffChat(), precise, "e1",
                    Instant.parse("2025-12-08T14:31:02.5Z")).orElseThrow().data());

            assertThat(data.at("/payload/timestamp").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
            assertThat(data.at("/meta/ts").stringValue()).isEqualTo("2025-12-08T14:31:02Z");
        }

        @Test
        void keepsNonNumericSenderIdsAsStrings() {
            for (String id : List.of("staff-abc", "007", "9007199254740992", "12345678901234567890")) {
                JsonNode data = staffData(message(100, id, Role.STAFF, MessageType.TEXT, "hi", List.of(), SEED_TIME));

                assertThat(data.at("/payload/sender_id").isString()).as(id).isTrue();
                assertThat(data.at("/payload/sender_id").stringValue()).isEqualTo(id);
                assertThat(data.at("/meta/scope/sender_id").stringValue()).isEqualTo(id);
            }
            JsonNode largestSafe = staffData(message(100, "9007199254740991", Role.STAFF, MessageType.TEXT, "hi",
                    List.of(), SEED_TIME));
            assertThat(largestSafe.at("/payload/sender_id").longValue()).isEqualTo(9_007_199_254_740_991L);
        }

        @Test
        void listsAttachmentsWithUrlNameMimeTypeAndSize() {
            JsonNode data = staffData(message(100, "45", Role.STAFF, MessageType.TEXT, null,
                    List.of(new Attachment("https://files.example/a.pdf", "a.pdf", "application/pdf", 2048)),
                    SEED_TIME));

            JsonNode attachment = data.at("/payload/attachments/0");
            assertThat(attachment.propertyNames()).containsExactly("url", "name", "mime_type", "size");
            assertThat(attachment.get("url").stringValue()).isEqualTo("https://files.example/a.pdf");
            assertThat(attachment.get("name").stringValue()).isEqualTo("a.pdf");
            assertThat(attachment.get("mime_type").stringValue()).isEqualTo("application/pdf");
            assertThat(attachment.get("size").isIntegralNumber()).isTrue();
            assertThat(attachment.get("size").longValue()).isEqualTo(2048);
            assertThat(data.at("/payload/text").stringValue()).as("an attachment-only message").isEmpty();
        }

        @Test
        void flagsSystemMessages() {
            assertThat(staffData(message(100, "45", Role.STAFF, MessageType.SYSTEM, "joined", List.of(), SEED_TIME))
                    .at("/payload/is_system_message").booleanValue()).isTrue();
            assertThat(staffData(message(100, "45", Role.STAFF, MessageType.ROBOT, "hi", List.of(), SEED_TIME))
                    .at("/payload/is_system_message").booleanValue()).isFalse();
        }

        @Test
        void goesToTheConversationAndTheOtherParticipantsNotifications() {
            PusherEvent event = envelopes.messageCreated(staffChat(), seedMessage, "e1", SEED_TIME).orElseThrow();

            assertThat(event.channels()).containsExactly("killarney.staff-chat.100", "killarney.staff-46-notifications");
        }
    }

    @Nested
    class GuestChatMessageCreated {

        private JsonNode guestData(String senderId, Role role, MessageType type) {
            return parse(envelopes.messageCreated(guestRoom(), message(55, senderId, role, type, "Towels please",
                    List.of(), SEED_TIME), "event-7", SEED_TIME).orElseThrow().data());
        }

        @Test
        void carriesRoomBookingAndSenderType() {
            PusherEvent event = envelopes.messageCreated(guestRoom(), message(55, "guest-9", Role.GUEST,
                    MessageType.TEXT, "Towels please", List.of(), SEED_TIME), "event-7", SEED_TIME).orElseThrow();
            JsonNode data = parse(event.data());
            JsonNode payload = data.get("payload");

            assertThat(event.name()).isEqualTo("realtime_guest_chat_message_created");
            assertThat(data.get("category").stringValue()).isEqualTo("guest_chat");
            assertThat(data.get("type").stringValue()).isEqualTo("message_created");
            assertThat(payload.propertyNames()).containsExactly("id", "conversation_id", "room", "booking",
                    "sender_type", "sender_id", "sender_name", "text", "timestamp", "attachments", "is_system_message");
            assertThat(payload.get("id").longValue()).isEqualTo(123);
            assertThat(payload.get("conversation_id").longValue()).isEqualTo(55);
            assertThat(payload.get("room").stringValue()).isEqualTo("101");
            assertThat(payload.get("booking").stringValue()).isEqualTo("BK-2231");
            assertThat(payload.get("sender_type").stringValue()).isEqualTo("guest");
            assertThat(payload.get("sender_id").stringValue()).isEqualTo("guest-9");
            assertThat(payload.get("sender_name").stringValue()).isEqualTo("John Doe");
            assertThat(payload.get("text").stringValue()).isEqualTo("Towels please");
            assertThat(payload.get("timestamp").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
            assertThat(payload.get("is_system_message").booleanValue()).isFalse();
            assertThat(data.at("/meta/hotel_slug").stringValue()).isEqualTo("hotel-killarney");
            assertThat(data.at("/meta/event_id").stringValue()).isEqualTo("event-7");
            assertThat(data.at("/meta/scope").propertyNames()).containsExactly("conversation_id", "room", "sender_id");
            assertThat(data.at("/meta/scope/room").stringValue()).isEqualTo("101");
        }

        @Test
        void namesStaffAndSystemSenders() {
            assertThat(guestData("7", Role.STAFF, MessageType.TEXT).at("/payload/sender_type").stringValue())
                    .isEqualTo("staff");
            assertThat(guestData("7", Role.STAFF, MessageType.TEXT).at("/payload/sender_id").longValue())
                    .isEqualTo(7);
            assertThat(guestData("7", Role.STAFF, MessageType.SYSTEM).at("/payload/sender_type").stringValue())
                    .isEqualTo("system");
            assertThat(guestData("bot", Role.ROBOT, MessageType.ROBOT).at("/payload/sender_type").stringValue())
                    .isEqualTo("system");
        }

        @Test
        void goesToThePrivateThreadAndFrontOfficeChannelsOnly() {
            PusherEvent fromGuest = envelopes.messageCreated(guestRoom(), message(55, "guest-9", Role.GUEST,
                    MessageType.TEXT, "hi", List.of(), SEED_TIME), "e", SEED_TIME).orElseThrow();
            PusherEvent fromStaff = envelopes.messageCreated(guestRoom(), message(55, "7", Role.STAFF,
                    MessageType.TEXT, "hi", List.of(), SEED_TIME), "e", SEED_TIME).orElseThrow();

            assertThat(fromGuest.channels()).containsExactly("private-hotel-killarney.guest-chat.55",
                    "private-hotel-killarney.guest-chat-notifications");
            assertThat(fromStaff.channels()).isEqualTo(fromGuest.channels());
        }
    }

    @Nested
    class GuestChatConversationRead {

        @Test
        void tellsTheThreadAndTheFrontOfficeHowFarTheReaderRead() {
            PusherEvent event = envelopes.conversationRead(guestRoom(), new ConversationRead(55, "hotel-killarney",
                    "7", Role.STAFF, 12, SEED_TIME), "event-9", SEED_TIME).orElseThrow();
            JsonNode data = parse(event.data());

            assertThat(event.name()).isEqualTo("realtime_guest_chat_conversation_read");
            assertThat(event.channels()).containsExactly("private-hotel-killarney.guest-chat.55",
                    "private-hotel-killarney.guest-chat-notifications");
            assertThat(data.get("category").stringValue()).isEqualTo("guest_chat");
            assertThat(data.get("type").stringValue()).isEqualTo("conversation_read");
            assertThat(data.get("payload").propertyNames()).containsExactly("conversation_id", "room", "reader_type",
                    "reader_id", "up_to_sequence", "read_at");
            assertThat(data.at("/payload/reader_type").stringValue()).isEqualTo("staff");
            assertThat(data.at("/payload/reader_id").longValue()).isEqualTo(7);
            assertThat(data.at("/payload/up_to_sequence").longValue()).isEqualTo(12);
            assertThat(data.at("/payload/read_at").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
            assertThat(data.at("/meta/scope/reader_id").longValue()).isEqualTo(7);
        }

        @Test
        void capsEverythingReadAtTheLargestNumberJavaScriptHolds() {
            JsonNode data = parse(envelopes.conversationRead(guestRoom(), new ConversationRead(55, "hotel-killarney",
                    "guest-9", Role.GUEST, Long.MAX_VALUE, SEED_TIME), "e", SEED_TIME).orElseThrow().data());

            assertThat(data.at("/payload/reader_type").stringValue()).isEqualTo("guest");
            assertThat(data.at("/payload/up_to_sequence").longValue()).isEqualTo(PusherEnvelopes.MAX_SAFE_INTEGER);
        }

        @Test
        void isNotPublishedForStaffChat() {
            assertThat(envelopes.conversationRead(staffChat(), new ConversationRead(100, "killarney", "45",
                    Role.STAFF, 3, SEED_TIME), "e", SEED_TIME)).isEmpty();
        }
    }

    @Nested
    class SizeLimit {

        private static int bytes(String data) {
            return data.getBytes(StandardCharsets.UTF_8).length;
        }

        @Test
        void leavesEventsUnderTheLimitAloneWithoutATruncatedFlag() {
            JsonNode data = staffData(message(100, "45", Role.STAFF, MessageType.TEXT, "x".repeat(9_000), List.of(),
                    SEED_TIME));

            assertThat(data.at("/payload/text").stringValue()).hasSize(9_000);
            assertThat(data.get("payload").has("truncated")).isFalse();
        }

        @Test
        void cutsTheTextToTheLongestPrefixThatFitsAndSaysSo() {
            String text = "Grüße 🎉 ".repeat(1_500);
            MessageSent large = message(100, "45", Role.STAFF, MessageType.TEXT, text, List.of(), SEED_TIME);

            String data = envelopes.messageCreated(staffChat(), large, "e", SEED_TIME).orElseThrow().data();
            String sentText = parse(data).at("/payload/text").stringValue();

            assertThat(bytes(data)).isLessThanOrEqualTo(PusherEnvelopes.MAX_DATA_BYTES);
            assertThat(parse(data).at("/payload/truncated").booleanValue()).isTrue();
            assertThat(text).startsWith(sentText);
            String oneMore = text.substring(0, text.offsetByCodePoints(0, sentText.codePointCount(0, sentText.length()) + 1));
            assertThat(bytes(data.replace(sentText, oneMore))).as("the prefix is the longest that fits")
                    .isGreaterThan(PusherEnvelopes.MAX_DATA_BYTES);
            assertThat(envelopes.messageCreated(staffChat(), large, "e", SEED_TIME).orElseThrow().data())
                    .as("deterministic").isEqualTo(data);
        }

        @Test
        void dropsAttachmentsWhenEvenAnEmptyTextDoesNotFit() {
            List<Attachment> attachments = IntStream.range(0, 10)
                    .mapToObj(i -> new Attachment("https://files.example/" + "a".repeat(2_000) + i, "file" + i,
                            "image/png", i))
                    .toList();
            MessageSent large = message(100, "45", Role.STAFF, MessageType.TEXT, "see the photos", attachments,
                    SEED_TIME);

            String data = envelopes.messageCreated(staffChat(), large, "e", SEED_TIME).orElseThrow().data();

            assertThat(bytes(data)).isLessThanOrEqualTo(PusherEnvelopes.MAX_DATA_BYTES);
            assertThat(parse(data).at("/payload/attachments").size()).isZero();
            assertThat(parse(data).at("/payload/text").stringValue()).isEqualTo("see the photos");
            assertThat(parse(data).at("/payload/truncated").booleanValue()).isTrue();
        }

        @Test
        void dropsTheEventWhenNothingCanMakeItFit() {
            MessageSent hopeless = new MessageSent(100, "killarney", 1, 1, "45", "n".repeat(20_000), Role.STAFF,
                    MessageType.TEXT, "hi", null, List.of(), null, SEED_TIME);

            assertThat(envelopes.messageCreated(staffChat(), hopeless, "e", SEED_TIME)).isEmpty();
        }
    }
}
