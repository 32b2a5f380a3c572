package io.switchboard.command.conversation;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * A cache of at most {@code capacity} aggregates, so memory stays bounded however many conversations a node has
 * served. Axon's own in-memory cache holds weak references, which every garbage collection empties under load,
 * exactly when the cache matters. Every command reads it, so it takes no lock of its own: a synchronized LRU map was
 * the second-longest monitor wait of the two-node benchmark (JFR), its holder descheduled on a busy 2-core machine.
 */
final class BoundedAggregateCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    BoundedAggregateCache(int capacity) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(capacity)
                // evictions run on the calling thread instead of ForkJoinPool.commonPool(): nothing to hand over
                .executor(Runnable::run)
                .build()
                .asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        // nothing listens to aggregate cache entries in this application
        return () -> true;
    }

    int size() {
        return entries.size();
    }
}
