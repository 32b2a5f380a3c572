package io.switchboard.realtime.pusher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * The audiences the fan-out last read, each valid only while this node handles <em>every</em> event of its
 * conversation in order.
 * <p>
 * Why: reading the audience for every message was two queries and a row per participant (65 for a large staff chat):
 * the most frequent statements on PostgreSQL in the write-path benchmark. Why it cannot go stale: an entry remembers
 * the aggregate sequence number of the last event of its conversation seen here, and is used only for the very next
 * one. When a conversation's segment was handled by another node meanwhile (it moves between nodes), when an event of
 * it went to no handler of this group, or when a batch is handled again after a rollback, the sequence does not
 * follow on and the audience is read again. Audience changes (start, join, leave) drop the entry; a reset clears all.
 * Events without a sequence number (not from an aggregate) always read.
 * <p>
 * Each conversation is handled by one processor thread at a time (Axon's sequencing by aggregate), so entries need no
 * lock of their own. At most {@code capacity} are kept; past that the cache starts empty again, which costs one read
 * per conversation and keeps the code free of an eviction order.
 */
@Component
class PusherAudienceCache {

    static final int DEFAULT_CAPACITY = 20_000;

    private record Entry(Optional<PusherAudience> audience, long sequence) {
    }

    private final LongFunction<Optional<PusherAudience>> loader;
    private final int capacity;
    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

    @Autowired
    PusherAudienceCache(PusherAudienceRepository audiences) {
        this(audiences::find, DEFAULT_CAPACITY);
    }

    PusherAudienceCache(LongFunction<Optional<PusherAudience>> loader, int capacity) {
        this.loader = loader;
        this.capacity = capacity;
    }

    /**
     * The audience for the event with this sequence number of the conversation.
     *
     * @param sequence the event's aggregate sequence number, or null when it has none
     */
    Optional<PusherAudience> find(long conversationId, Long sequence) {
        if (sequence == null) {
            return loader.apply(conversationId);
        }
        Entry entry = entries.get(conversationId);
        Optional<PusherAudience> audience = entry != null && entry.sequence() == sequence - 1
                ? entry.audience() : loader.apply(conversationId);
        if (entries.size() >= capacity) {
            entries.clear();
        }
        entries.put(conversationId, new Entry(audience, sequence));
        return audience;
    }

    /** The conversation's audience changes with this event; read it again for the next one. */
    void forget(long conversationId) {
        entries.remove(conversationId);
    }

    void clear() {
        entries.clear();
    }
}
