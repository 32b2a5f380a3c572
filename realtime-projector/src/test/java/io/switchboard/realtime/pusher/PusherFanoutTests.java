package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.switchboard.realtime.pusher.TestConversations.message;
import static io.switchboard.realtime.pusher.TestConversations.nextId;
import static io.switchboard.realtime.pusher.TestConversations.publish;
import static io.switchboard.realtime.pusher.TestConversations.staff;
import static io.switchboard.realtime.pusher.TestConversations.started;
import static io.switchboard.realtime.pusher.TestConversations.uniqueTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fan-out under Axon's real tracking processor, publishing through a recording transport. */
@PusherSpringTest
@Import(PusherFanoutTests.RecordingPublisher.class)
class PusherFanoutTests {

    private static final Duration PROCESSOR_RETRY_SPAN = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class RecordingPublisher {

        @Bean
        RecordingTransport recordingTransport() {
            return new RecordingTransport();
        }

        @Bean
        @Primary
        PusherPublisher recordingPusherPublisher(RecordingTransport transport) {
            return new PusherPublisher(transport, new PusherProperties.Retry(3, Duration.ofMillis(10)),
                    PusherPublisher.Pause.SLEEP);
        }
    }

    @Autowired
    private EventBus events;
    @Autowired
    private RecordingTransport transport;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PusherAudienceRepository audienceTable;

    private final String tenant = uniqueTenant();
    private final long conversationId = nextId();

    @AfterEach
    void pusherIsBack() {
        transport.endOutage();
    }

    private List<RecordingTransport.Trigger> deliveredWith(String text) {
        return transport.deliveredContaining(text);
    }

    private RecordingTransport.Trigger awaitDelivery(String text) {
        return await().atMost(PROCESSOR_RETRY_SPAN).until(() -> deliveredWith(text), list -> !list.isEmpty()).get(0);
    }

    private void startStaffChat(Participant... participants) {
        publish(events, started(conversationId, tenant, ConversationKind.STAFF, null, null, participants));
    }

    @Test
    void runsAsATrackingProcessor() {
        assertThat(processing.eventProcessor(PusherFanout.PROCESSING_GROUP, TrackingEventProcessor.class)).isPresent();
    }

    @Test
    void publishesStaffChatToTheConversationAndEveryOtherActiveParticipant() {
        startStaffChat(staff("45"), staff("46"), staff("47"), staff("48"));
        publish(events, new ParticipantLeft(conversationId, tenant, "47", Role.STAFF, Instant.now()));
        String eventId = publish(events, message(conversationId, tenant, "45", Role.STAFF, "first " + tenant));

        RecordingTransport.Trigger trigger = awaitDelivery("first " + tenant);

        assertThat(trigger.eventName()).isEqualTo("realtime_staff_chat_message_created");
        assertThat(trigger.channels()).containsExactly(tenant + ".staff-chat." + conversationId,
                tenant + ".staff-46-notifications", tenant + ".staff-48-notifications");
        JsonNode data = JSON.readTree(trigger.data());
        assertThat(data.at("/meta/event_id").stringValue()).isEqualTo(eventId);
        assertThat(data.at("/meta/hotel_slug").stringValue()).isEqualTo(tenant);
        assertThat(data.at("/payload/conversation_id").longValue()).isEqualTo(conversationId);
    }

    @Test
    void followsParticipantsLeavingAndComingBack() {
        startStaffChat(staff("1"), staff("2"));
        publish(events, new ParticipantJoined(conversationId, tenant, "3", "Three", Role.STAFF, Instant.now()));
        publish(events, new ParticipantLeft(conversationId, tenant, "2", Role.STAFF, Instant.now()));
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "while two was away " + tenant));
        publish(events, new ParticipantJoined(conversationId, tenant, "2", "Two", Role.STAFF, Instant.now()));
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "two is back " + tenant));

        assertThat(awaitDelivery("while two was away " + tenant).channels())
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-3-notifications");
        assertThat(awaitDelivery("two is back " + tenant).channels())
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-2-notifications",
                        tenant + ".staff-3-notifications");
    }

    @Test
    void anAudienceChangedElsewhereIsSeenByTheNextMessage() {
        String aggregate = String.valueOf(conversationId);
        publishStored(aggregate, 0, started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"),
                staff("2")));
        publishStored(aggregate, 1, message(conversationId, tenant, "1", Role.STAFF, "first " + tenant));
        publishStored(aggregate, 2, message(conversationId, tenant, "1", Role.STAFF, "second " + tenant));
        assertThat(awaitDelivery("second " + tenant).channels()).as("from the cached audience")
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-2-notifications");
        // event 3 (a join) was handled by the node that held this conversation's segment meanwhile
        audienceTable.participantJoined(conversationId, "3", Role.STAFF);
        publishStored(aggregate, 4, message(conversationId, tenant, "1", Role.STAFF, "third " + tenant));

        assertThat(awaitDelivery("third " + tenant).channels())
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-2-notifications",
                        tenant + ".staff-3-notifications");
    }

    private void publishStored(String aggregate, long sequence, Object payload) {
        events.publish(new GenericDomainEventMessage<>("Conversation", aggregate, sequence, payload, Map.of(),
                UUID.randomUUID().toString(), Instant.now()));
    }

    @Test
    void publishesGuestRoomMessagesAndReadMarkersToTheFrontOffice() {
        publish(events, started(conversationId, tenant, ConversationKind.GUEST_ROOM, "204", "BK-1",
                new Participant("guest-1", "Ann", Role.GUEST)));
        publish(events, message(conversationId, tenant, "guest-1", Role.GUEST, "towels " + tenant));
        publish(events, new ParticipantJoined(conversationId, tenant, "7", "Front desk", Role.STAFF, Instant.now()));
        publish(events, new ConversationRead(conversationId, tenant, "7", Role.STAFF, 1, Instant.now()));
        publish(events, message(conversationId, tenant, "7", Role.STAFF, "on the way " + tenant));
        publish(events, message(conversationId, tenant, "guest-1", Role.GUEST, "thanks " + tenant));

        List<String> privateChannels = List.of("private-" + tenant + ".guest-chat." + conversationId,
                "private-" + tenant + ".guest-chat-notifications");
        assertThat(awaitDelivery("towels " + tenant).channels()).isEqualTo(privateChannels);
        assertThat(awaitDelivery("on the way " + tenant).channels()).isEqualTo(privateChannels);
        RecordingTransport.Trigger thanks = awaitDelivery("thanks " + tenant);
        assertThat(thanks.eventName()).isEqualTo("realtime_guest_chat_message_created");
        assertThat(thanks.channels()).as("not the joined staff member's public notification channel")
                .isEqualTo(privateChannels);
        assertThat(JSON.readTree(thanks.data()).at("/payload/room").stringValue()).isEqualTo("204");
        assertThat(deliveredWith(tenant)).extracting(RecordingTransport.Trigger::eventName)
                .contains("realtime_guest_chat_conversation_read");
    }

    @Test
    void leavesOtherConversationKindsToTheirOwnDialects() {
        publish(events, started(conversationId, tenant, ConversationKind.DIRECT, null, null, staff("1"), staff("2")));
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "direct " + tenant));
        long staffChat = nextId();
        publish(events, started(staffChat, tenant, ConversationKind.STAFF, null, null, staff("1"), staff("2")));
        publish(events, message(staffChat, tenant, "1", Role.STAFF, "marker " + tenant));

        awaitDelivery("marker " + tenant);
        assertThat(deliveredWith("direct " + tenant)).isEmpty();
    }

    @Test
    void doesNotRepublishEventsOlderThanTheMaximumAge() {
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(11));
        publish(events, started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"), staff("2")),
                longAgo);
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "history " + tenant), longAgo);
        publish(events, message(conversationId, tenant, "2", Role.STAFF, "fresh " + tenant));

        assertThat(awaitDelivery("fresh " + tenant).channels()).as("the old start still built the audience")
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-1-notifications");
        assertThat(deliveredWith("history " + tenant)).isEmpty();
    }

    @Test
    void anOutageDelaysMessagesWithoutLosingOrReorderingThem() {
        startStaffChat(staff("1"), staff("2"));
        transport.startOutage();
        int attemptsBefore = transport.attempts().size();
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "during outage " + tenant));
        publish(events, message(conversationId, tenant, "2", Role.STAFF, "queued behind " + tenant));

        // more than one handler call's retries: the processor itself took the event up again
        await().atMost(PROCESSOR_RETRY_SPAN).until(() -> transport.attempts().size() - attemptsBefore > 3);
        assertThat(deliveredWith(tenant)).isEmpty();
        transport.endOutage();

        await().atMost(PROCESSOR_RETRY_SPAN).until(() -> deliveredWith(tenant).size() == 2);
        assertThat(deliveredWith(tenant)).extracting(trigger -> JSON.readTree(trigger.data()).at("/payload/text")
                .stringValue()).containsExactly("during outage " + tenant, "queued behind " + tenant);
    }

    @Test
    void aReplayRebuildsTheAudienceWithoutPublishingAgain() {
        startStaffChat(staff("1"), staff("2"));
        publish(events, message(conversationId, tenant, "1", Role.STAFF, "before replay " + tenant));
        awaitDelivery("before replay " + tenant);
        TrackingEventProcessor processor = processing
                .eventProcessor(PusherFanout.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();

        processor.shutDown();
        processor.resetTokens();
        processor.start();
        publish(events, message(conversationId, tenant, "2", Role.STAFF, "after replay " + tenant));

        assertThat(awaitDelivery("after replay " + tenant).channels())
                .containsExactly(tenant + ".staff-chat." + conversationId, tenant + ".staff-1-notifications");
        assertThat(deliveredWith("before replay " + tenant)).hasSize(1);
    }
}
