package io.switchboard.command.conversation;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAggregateCacheTests {

    @Test
    void holdsNoMoreThanItsCapacityHoweverManyConversationsPassThrough() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        IntStream.range(0, 10_000).forEach(i -> cache.put("conversation-" + i, i));
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void answersWhatWasPutAndForgetsWhatWasRemoved() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        cache.put("a", 1);
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        cache.<Integer>computeIfPresent("a", value -> value + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
    }
}
