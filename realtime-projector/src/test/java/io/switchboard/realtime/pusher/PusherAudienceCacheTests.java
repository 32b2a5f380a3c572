package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PusherAudienceCacheTests {

    private final AtomicInteger reads = new AtomicInteger();
    private final PusherAudienceCache cache = new PusherAudienceCache(conversationId -> {
        reads.incrementAndGet();
        return Optional.of(new PusherAudience(conversationId, "hotel", ConversationKind.STAFF, null, null, List.of()));
    }, 3);

    @Test
    void eventsThatFollowOneAnotherReadTheAudienceOnce() {
        cache.find(1, 5L);
        cache.find(1, 6L);
        cache.find(1, 7L);

        assertThat(reads).hasValue(1);
    }

    @Test
    void anEventNotSeenHereInBetweenMeansTheAudienceIsReadAgain() {
        cache.find(1, 5L);
        cache.find(1, 7L); // 6 went elsewhere: another node, or no handler of this group

        assertThat(reads).hasValue(2);
    }

    @Test
    void anEventHandledAgainAfterARollbackReadsAgain() {
        cache.find(1, 5L);
        cache.find(1, 6L);
        cache.find(1, 5L);

        assertThat(reads).hasValue(2);
    }

    @Test
    void anAudienceChangeOrAResetMeansReadingAgain() {
        cache.find(1, 5L);
        cache.forget(1);
        cache.find(1, 6L);
        cache.clear();
        cache.find(1, 7L);

        assertThat(reads).hasValue(3);
    }

    @Test
    void eventsWithoutASequenceNumberAlwaysRead() {
        cache.find(1, null);
        cache.find(1, null);

        assertThat(reads).hasValue(2);
    }

    @Test
    void conversationsAreKeptApartAndTheCapacityHolds() {
        for (long conversation = 1; conversation <= 4; conversation++) {
            cache.find(conversation, 1L);
        }
        cache.find(4, 2L);

        assertThat(reads).as("four first reads; the fourth conversation still cached after the reset").hasValue(4);
        cache.find(1, 2L);
        assertThat(reads).as("the first was dropped at capacity").hasValue(5);
    }
}
