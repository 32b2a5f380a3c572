package io.switchboard.app.config;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTests {

    @Test
    void axonFindsItThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void makesVersion7UuidsThatStartWithTheCurrentMillisecond() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(new TimeOrderedIdentifierFactory().generateIdentifier());
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void identifiersFromManyThreadsAreAllDistinct() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Integer> threads = IntStream.range(0, 8).boxed().toList();
        threads.parallelStream().forEach(thread ->
                IntStream.range(0, 50_000).forEach(i -> assertThat(seen.add(factory.generateIdentifier())).isTrue()));
        assertThat(seen).hasSize(8 * 50_000);
    }
}
