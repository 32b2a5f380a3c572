package io.switchboard.realtime.pusher;

import com.pusher.client.AuthorizationFailureException;
import com.pusher.client.ChannelAuthorizer;
import com.pusher.client.channel.PusherEvent;
import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.realtime.pusher.PusherAuthController.AuthRequest;
import io.switchboard.testsupport.PusherTestClient;
import io.switchboard.testsupport.SoketiServer;
import org.axonframework.eventhandling.EventBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.switchboard.realtime.pusher.TestConversations.nextId;
import static io.switchboard.realtime.pusher.TestConversations.publish;
import static io.switchboard.realtime.pusher.TestConversations.staff;
import static io.switchboard.realtime.pusher.TestConversations.started;
import static io.switchboard.realtime.pusher.TestConversations.uniqueTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stored events through the real tracking processor, the real pusher-http-java publisher and a real Pusher-protocol
 * server (soketi) to real pusher-java-client subscribers; private channels are joined with this module's signatures,
 * which soketi verifies.
 */
@PusherSpringTest
class PusherEndToEndTests {

    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final Instant SENT_AT = Instant.parse("2025-12-08T14:30:00.250Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SoketiServer soketi;

    @BeforeAll
    static void startSoketi() {
        soketi = SoketiServer.start();
    }

    /** Resolved when the context starts, after {@link #startSoketi()}. */
    @DynamicPropertySource
    static void pusherAtSoketi(DynamicPropertyRegistry registry) {
        registry.add("pusher.app-id", () -> soketi.appId());
        registry.add("pusher.key", () -> soketi.key());
        registry.add("pusher.secret", () -> soketi.secret());
        registry.add("pusher.host", () -> soketi.host());
        registry.add("pusher.port", () -> soketi.port());
        registry.add("pusher.encrypted", () -> "false");
    }

    @AfterAll
    static void stopSoketi() {
        soketi.close();
    }

    @Autowired
    private EventBus events;
    @Autowired
    private PusherAuthController auth;
    @Autowired
    private PusherChannelAccess access;

    private final PusherTestClient subscriber = new PusherTestClient(soketi);
    private final String tenant = uniqueTenant();
    private final long conversationId = nextId();

    @AfterEach
    void disconnect() {
        subscriber.close();
    }

    private static MessageSent message(long conversationId, String tenant, long messageId, String senderId,
                                       String senderName, Role role, String text, List<Attachment> attachments) {
        return new MessageSent(conversationId, tenant, messageId, 1, senderId, senderName, role, MessageType.TEXT,
                text, null, attachments, null, SENT_AT);
    }

    private PusherEvent awaitSingle(String channel) {
        return awaitSingle(subscriber, channel);
    }

    private static PusherEvent awaitSingle(PusherTestClient client, String channel) {
        return await(channel).atMost(DELIVERY).until(() -> client.received(channel), list -> !list.isEmpty()).get(0);
    }

    private static JsonNode data(PusherEvent event) {
        return JSON.readTree(event.getData());
    }

    private static void assertPublishedJustNow(JsonNode data) {
        String ts = data.at("/meta/ts").stringValue();
        assertThat(ts).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Instant.parse(ts)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void staffChatMessagesReachTheConversationAndTheOtherParticipantsButNotTheSender() {
        String conversationChannel = tenant + ".staff-chat." + conversationId;
        String recipient = tenant + ".staff-46-notifications";
        String sender = tenant + ".staff-45-notifications";
        String former = tenant + ".staff-47-notifications";
        subscriber.subscribe(conversationChannel, recipient, sender, former);
        publish(events, started(conversationId, tenant, ConversationKind.STAFF, null, null,
                new Participant("45", "John Doe", Role.STAFF), staff("46"), staff("47")));
        publish(events, new ParticipantLeft(conversationId, tenant, "47", Role.STAFF, Instant.now()));
        String eventId = publish(events, message(conversationId, tenant, 123, "45", "John Doe", Role.STAFF,
                "Hello world", List.of(new Attachment("https://files.example/menu.pdf", "menu.pdf", "application/pdf",
                        5120))));

        PusherEvent onConversation = awaitSingle(conversationChannel);
        PusherEvent onRecipient = awaitSingle(recipient);

        assertThat(onConversation.getEventName()).isEqualTo("realtime_staff_chat_message_created");
        assertThat(onRecipient.getEventName()).isEqualTo("realtime_staff_chat_message_created");
        assertThat(onRecipient.getData()).isEqualTo(onConversation.getData());
        JsonNode data = data(onConversation);
        assertThat(data.get("category").stringValue()).isEqualTo("staff_chat");
        assertThat(data.get("type").stringValue()).isEqualTo("message_created");
        JsonNode payload = data.get("payload");
        assertThat(payload.get("id").isIntegralNumber()).isTrue();
        assertThat(payload.get("id").longValue()).isEqualTo(123);
        assertThat(payload.get("conversation_id").isIntegralNumber()).isTrue();
        assertThat(payload.get("conversation_id").longValue()).isEqualTo(conversationId);
        assertThat(payload.get("text").stringValue()).isEqualTo("Hello world");
        assertThat(payload.get("sender_id").isIntegralNumber()).isTrue();
        assertThat(payload.get("sender_id").longValue()).isEqualTo(45);
        assertThat(payload.get("sender_name").stringValue()).isEqualTo("John Doe");
        assertThat(payload.get("timestamp").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
        assertThat(payload.get("attachments")).hasSize(1);
        assertThat(payload.at("/attachments/0/url").stringValue()).isEqualTo("https://files.example/menu.pdf");
        assertThat(payload.at("/attachments/0/name").stringValue()).isEqualTo("menu.pdf");
        assertThat(payload.at("/attachments/0/mime_type").stringValue()).isEqualTo("application/pdf");
        assertThat(payload.at("/attachments/0/size").longValue()).isEqualTo(5120);
        assertThat(payload.get("is_system_message").booleanValue()).isFalse();
        JsonNode meta = data.get("meta");
        assertThat(meta.get("hotel_slug").stringValue()).isEqualTo(tenant);
        assertThat(meta.get("event_id").stringValue()).isEqualTo(eventId);
        assertPublishedJustNow(data);
        assertThat(meta.at("/scope/conversation_id").longValue()).isEqualTo(conversationId);
        assertThat(meta.at("/scope/sender_id").longValue()).isEqualTo(45);

        // A later message from 46 reaches 45 over the same connection: had the first reached 45, it would be first.
        publish(events, message(conversationId, tenant, 124, "46", "Jane Roe", Role.STAFF, "marker", List.of()));
        PusherEvent onSender = awaitSingle(sender);
        assertThat(data(onSender).at("/payload/text").stringValue()).isEqualTo("marker");
        assertThat(subscriber.received(sender)).hasSize(1);
        assertThat(subscriber.received(former)).as("a participant who left").isEmpty();
        assertThat(subscriber.received(recipient)).as("the marker's own sender").hasSize(1);
    }

    @Test
    void guestRoomEventsReachOnlyAuthorizedSubscribersOfThePrivateChannels() {
        String thread = "private-" + tenant + ".guest-chat." + conversationId;
        String frontOffice = "private-" + tenant + ".guest-chat-notifications";
        AuthenticatedUser ann = new AuthenticatedUser("guest-305", "Ann Guest", null, tenant, Role.GUEST, "305",
                "BK-9");
        AuthenticatedUser frontDesk = AuthenticatedUser.of("7", "Front desk", tenant, Role.STAFF);
        AuthenticatedUser nextDoor = new AuthenticatedUser("guest-306", "Ned", null, tenant, Role.GUEST, "306",
                "BK-10");
        publish(events, started(conversationId, tenant, ConversationKind.GUEST_ROOM, "305", "BK-9",
                new Participant("guest-305", "Ann Guest", Role.GUEST)));
        publish(events, new ParticipantJoined(conversationId, tenant, "7", "Front desk", Role.STAFF, Instant.now()));
        // The thread's channel can be joined once the fan-out knows the conversation.
        await("the audience of " + conversationId).atMost(DELIVERY).until(() -> access.mayJoin(ann, thread));
        // What anyone holding the app key could have subscribed to before channels were private.
        List<String> publicNames = List.of(tenant + ".guest-chat." + conversationId, tenant + ".guest-chat-notifications",
                tenant + ".staff-7-notifications");
        long markerConversation = nextId();
        String marker = tenant + ".staff-chat." + markerConversation;
        subscriber.subscribe(publicNames.toArray(String[]::new));
        subscriber.subscribe(marker);

        try (PusherTestClient guestClient = new PusherTestClient(soketi, authorizerFor(ann));
             PusherTestClient staffClient = new PusherTestClient(soketi, authorizerFor(frontDesk));
             PusherTestClient intruder = new PusherTestClient(soketi, authorizerFor(nextDoor))) {
            guestClient.subscribe(thread);
            staffClient.subscribe(thread, frontOffice);
            assertThat(intruder.subscribeRefused(thread)).contains("403");
            assertThat(intruder.subscribeRefused(frontOffice)).contains("403");

            String eventId = publish(events, message(conversationId, tenant, 500, "guest-305", "Ann Guest",
                    Role.GUEST, "Could I get towels?", List.of()));

            PusherEvent onThread = awaitSingle(guestClient, thread);
            assertThat(awaitSingle(staffClient, thread).getData()).isEqualTo(onThread.getData());
            assertThat(awaitSingle(staffClient, frontOffice).getData()).isEqualTo(onThread.getData());
            assertGuestMessage(onThread, eventId);

            publish(events, message(conversationId, tenant, 501, "7", "Front desk", Role.STAFF, "On the way",
                    List.of()));
            publish(events, new ConversationRead(conversationId, tenant, "guest-305", Role.GUEST, 2, Instant.now()));
            publish(events, message(conversationId, tenant, 502, "guest-305", "Ann Guest", Role.GUEST, "Thanks",
                    List.of()));
            // Published after every guest-room event: once it arrives, anything they sent to public channels would have.
            publish(events, started(markerConversation, tenant, ConversationKind.STAFF, null, null, staff("45"),
                    staff("46")));
            publish(events, message(markerConversation, tenant, 1, "45", "John Doe", Role.STAFF, "marker", List.of()));

            List<String> expected = List.of("realtime_guest_chat_message_created",
                    "realtime_guest_chat_message_created", "realtime_guest_chat_conversation_read",
                    "realtime_guest_chat_message_created");
            for (PusherTestClient client : List.of(guestClient, staffClient)) {
                await().atMost(DELIVERY).until(() -> client.received(thread).size() == expected.size());
                assertThat(client.received(thread)).extracting(PusherEvent::getEventName).isEqualTo(expected);
            }
            await().atMost(DELIVERY).until(() -> staffClient.received(frontOffice).size() == expected.size());
            JsonNode read = data(staffClient.received(frontOffice).get(2));
            assertThat(read.get("type").stringValue()).isEqualTo("conversation_read");
            assertThat(read.at("/payload/reader_type").stringValue()).isEqualTo("guest");
            assertThat(read.at("/payload/reader_id").stringValue()).isEqualTo("guest-305");
            assertThat(read.at("/payload/up_to_sequence").longValue()).isEqualTo(2);

            awaitSingle(subscriber, marker);
            for (String name : publicNames) {
                assertThat(subscriber.received(name)).as(name).isEmpty();
            }
            assertThat(intruder.received(thread)).isEmpty();
            assertThat(intruder.received(frontOffice)).isEmpty();
        }
    }

    private void assertGuestMessage(PusherEvent event, String eventId) {
        assertThat(event.getEventName()).isEqualTo("realtime_guest_chat_message_created");
        JsonNode data = data(event);
        assertThat(data.get("category").stringValue()).isEqualTo("guest_chat");
        assertThat(data.get("type").stringValue()).isEqualTo("message_created");
        JsonNode payload = data.get("payload");
        assertThat(payload.get("id").longValue()).isEqualTo(500);
        assertThat(payload.get("conversation_id").longValue()).isEqualTo(conversationId);
        assertThat(payload.get("room").stringValue()).isEqualTo("305");
        assertThat(payload.get("booking").stringValue()).isEqualTo("BK-9");
        assertThat(payload.get("sender_type").stringValue()).isEqualTo("guest");
        assertThat(payload.get("sender_id").stringValue()).isEqualTo("guest-305");
        assertThat(payload.get("sender_name").stringValue()).isEqualTo("Ann Guest");
        assertThat(payload.get("text").stringValue()).isEqualTo("Could I get towels?");
        assertThat(payload.get("timestamp").stringValue()).isEqualTo("2025-12-08T14:30:00Z");
        assertThat(payload.get("attachments")).isEmpty();
        assertThat(payload.get("is_system_message").booleanValue()).isFalse();
        assertThat(data.at("/meta/hotel_slug").stringValue()).isEqualTo(tenant);
        assertThat(data.at("/meta/event_id").stringValue()).isEqualTo(eventId);
        assertPublishedJustNow(data);
        assertThat(data.at("/meta/scope/room").stringValue()).isEqualTo("305");
    }

    /**
     * What pusher-java-client's {@code HttpChannelAuthorizer} does over HTTP, in process: this module has no web
     * server and no bearer filter (the app test {@code GuestChatPusherAuthTests} goes through both).
     */
    private ChannelAuthorizer authorizerFor(AuthenticatedUser user) {
        return (channel, socketId) -> {
            try {
                return JSON.writeValueAsString(auth.authorize(user, new AuthRequest(socketId, channel)));
            } catch (ResponseStatusException e) {
                throw new AuthorizationFailureException(e.getStatusCode().value() + " " + e.getReason());
            }
        };
    }
}
