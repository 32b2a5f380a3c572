package io.switchboard.realtime.pusher;

import io.switchboard.realtime.pusher.PusherPublisher.PusherUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PusherPublisherTests {

    private final RecordingTransport transport = new RecordingTransport();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final PusherPublisher publisher = new PusherPublisher(transport,
            new PusherProperties.Retry(3, Duration.ofMillis(200)), pauses::add);

    private static PusherEvent event(List<String> channels) {
        return new PusherEvent("realtime_staff_chat_message_created", channels, "{\"a\":1}");
    }

    @Test
    void sendsTheEventUnchangedToItsChannels() {
        publisher.publish(event(List.of("killarney.staff-chat.1", "killarney.staff-2-notifications")));

        assertThat(transport.delivered()).containsExactly(new RecordingTransport.Trigger(
                List.of("killarney.staff-chat.1", "killarney.staff-2-notifications"),
                "realtime_staff_chat_message_created", "{\"a\":1}"));
        assertThat(pauses).isEmpty();
    }

    @Test
    void splitsMoreThanAHundredChannelsIntoSeveralTriggersInOrder() {
        List<String> channels = IntStream.rangeClosed(1, 205).mapToObj(i -> "h.staff-" + i + "-notifications").toList();

        publisher.publish(event(channels));

        assertThat(transport.delivered()).extracting(trigger -> trigger.channels().size()).containsExactly(100, 100, 5);
        assertThat(transport.delivered().stream().flatMap(trigger -> trigger.channels().stream()))
                .containsExactlyElementsOf(channels);
    }

    @Test
    void skipsChannelsPusherCannotCarryAndStillServesTheOthers() {
        String tooLong = "h.staff-" + "x".repeat(150) + "-notifications";

        publisher.publish(event(List.of("h.staff-chat.1", "h.staff-jo hn-notifications", "h.staff-ä-notifications",
                tooLong, "h.staff-a_b=c@d,e;f-notifications")));

        assertThat(transport.delivered()).singleElement().satisfies(trigger -> assertThat(trigger.channels())
                .containsExactly("h.staff-chat.1", "h.staff-a_b=c@d,e;f-notifications"));
    }

    @Test
    void retriesTransientFailuresWithDoublingPausesUntilTheyPass() {
        transport.script(RecordingTransport.transientFailure(), RecordingTransport.transientFailure());

        publisher.publish(event(List.of("h.staff-chat.1")));

        assertThat(transport.attempts()).hasSize(3);
        assertThat(transport.delivered()).hasSize(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void throwsAfterTheLastAttemptSoTheProcessorRetriesTheEventLater() {
        transport.startOutage();

        assertThatThrownBy(() -> publisher.publish(event(List.of("h.staff-chat.1"))))
                .isInstanceOf(PusherUnavailableException.class)
                .hasMessageContaining("after 3 attempts");
        assertThat(transport.attempts()).hasSize(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void capsTheBackoffOfLongRetrySeries() {
        PusherPublisher patient = new PusherPublisher(transport, new PusherProperties.Retry(6, Duration.ofSeconds(1)),
                pauses::add);
        transport.startOutage();

        assertThatThrownBy(() -> patient.publish(event(List.of("h.staff-chat.1"))))
                .isInstanceOf(PusherUnavailableException.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                PusherPublisher.MAX_BACKOFF, PusherPublisher.MAX_BACKOFF);
    }

    @Test
    void dropsAnEventPusherRejectsInsteadOfRetryingForever() {
        transport.script(RecordingTransport.rejection());

        publisher.publish(event(List.of("h.staff-chat.1")));

        assertThat(transport.attempts()).hasSize(1);
        assertThat(transport.delivered()).isEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void retriesOnlyTheChunkThatFailed() {
        List<String> channels = IntStream.rangeClosed(1, 150).mapToObj(i -> "h.staff-" + i + "-notifications").toList();
        transport.script(null, RecordingTransport.transientFailure());

        publisher.publish(event(channels));

        assertThat(transport.attempts()).extracting(trigger -> trigger.channels().size()).containsExactly(100, 50, 50);
        assertThat(transport.delivered().stream().flatMap(trigger -> trigger.channels().stream()))
                .containsExactlyElementsOf(channels);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "hotel-1.staff-chat.12|true", "private-hotel_1.guest-chat.3|true", "a=b@c,d;e|true", "A9|true",
            "has space|false", "slash/no|false", "colon:no|false", "ümlaut|false", "star*|false"})
    void acceptsExactlyPushersChannelNameCharacters(String channel, boolean valid) {
        assertThat(PusherPublisher.isValidChannel(channel)).isEqualTo(valid);
    }

    @Test
    void refusesEmptyAndOverlongChannelNames() {
        assertThat(PusherPublisher.isValidChannel("")).isFalse();
        assertThat(PusherPublisher.isValidChannel("a".repeat(PusherPublisher.MAX_CHANNEL_LENGTH))).isTrue();
        assertThat(PusherPublisher.isValidChannel("a".repeat(PusherPublisher.MAX_CHANNEL_LENGTH + 1))).isFalse();
    }
}
