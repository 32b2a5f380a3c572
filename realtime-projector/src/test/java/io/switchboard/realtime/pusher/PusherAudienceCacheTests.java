package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Consecutive events read once. A gap means an event went elsewhere (another node, or no handler of this group),
     * and an event seen again means its batch is handled again after a rollback: both read again.
     */
    @ParameterizedTest(name = "events {0} read the audience {1} time(s)")
    @CsvSource({"5 6 7, 1", "5 7, 2", "5 6 5, 2"})
    void theAudienceIsReadAgainUnlessTheEventFollowsTheLastOneSeen(String sequences, int expectedReads) {
        for (String sequence : sequences.split(" ")) {
            cache.find(1, Long.valueOf(sequence));
        }

        assertThat(reads).hasValue(expectedReads);
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
