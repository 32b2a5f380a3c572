package io.switchboard.realtime.pusher;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PusherBatchesTests {

    private final RecordingTransport transport = new RecordingTransport();
    private final PusherBatches batches = new PusherBatches(new PusherPublisher(transport,
            new PusherProperties.Retry(1, Duration.ZERO), duration -> { }));

    @AfterEach
    void close() {
        batches.close();
    }

    @Test
    void aBatchIsPublishedAtCommitWithEachConversationInOrder() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        for (int i = 0; i < 20; i++) {
            for (long conversation = 1; conversation <= 5; conversation++) {
                batches.publish(conversation, event(conversation, i));
            }
        }
        assertThat(transport.delivered()).as("nothing leaves before the batch commits").isEmpty();

        batch.commit();

        assertThat(transport.delivered()).hasSize(100);
        for (long conversation = 1; conversation <= 5; conversation++) {
            String prefix = "c" + conversation + ":";
            assertThat(transport.deliveredContaining(prefix)).extracting(RecordingTransport.Trigger::data)
                    .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> prefix + i).toList());
        }
    }

    @Test
    void aPublishThatStillFailsFailsTheBatchSoItIsRetried() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batches.publish(1, event(1, 0));
        batches.publish(2, event(2, 0));
        transport.startOutage();

        assertThatThrownBy(batch::commit).isInstanceOf(PusherPublisher.PusherUnavailableException.class);
    }

    @Test
    void outsideABatchAnEventIsPublishedAtOnce() {
        batches.publish(1, event(1, 0));
        assertThat(transport.delivered()).hasSize(1);
    }

    private static PusherEvent event(long conversation, int index) {
        return new PusherEvent("message_created", List.of("killarney.staff-chat." + conversation),
                "c" + conversation + ":" + index);
    }
}
