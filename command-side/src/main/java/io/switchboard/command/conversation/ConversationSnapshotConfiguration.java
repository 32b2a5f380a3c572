package io.switchboard.command.conversation;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps conversations fast to load: recently used ones stay in memory, and the others load from a snapshot plus the
 * events after it instead of their whole history.
 */
@Configuration(proxyBeanMethods = false)
class ConversationSnapshotConfiguration {

    @Bean
    SnapshotTriggerDefinition conversationSnapshotTrigger(Snapshotter snapshotter,
                                                          @Value("${switchboard.snapshot.threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Another node may have appended since an aggregate was cached: its append then fails on the event store's
     * (aggregate, sequence) key, Axon evicts the stale entry on rollback, and the gateway's retry loads fresh state.
     * Weak references let the garbage collector bound the cache.
     */
    @Bean
    Cache conversationCache() {
        return new WeakReferenceCache();
    }
}
