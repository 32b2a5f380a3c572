package io.switchboard.app.config;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Axon's message identifiers (every command, event and query message gets one), found by Axon through
 * {@code META-INF/services}. Axon's default is {@link UUID#randomUUID()}, whose shared {@code SecureRandom} is
 * synchronized: in the two-node benchmark's JFR it was the longest monitor wait of the send path. These identifiers
 * need to be unique, not secret, so they are version-7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then 74 bits
 * from the calling thread's {@link ThreadLocalRandom}. Two identifiers collide only if they are made in the same
 * millisecond and draw the same 74 bits; the event store's unique index on {@code event_identifier} would refuse
 * such an append rather than store a duplicate.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long mostSignificant = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
