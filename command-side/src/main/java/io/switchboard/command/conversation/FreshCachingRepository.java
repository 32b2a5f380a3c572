package io.switchboard.command.conversation;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An aggregate cache that is safe with several nodes: a cached aggregate is brought up to date before every use.
 * <p>
 * A plain cache (Axon's {@link CachingEventSourcingRepository}) trusts its copy, so with several nodes appending to
 * one conversation it can decide on stale state — unnoticed when the command appends nothing (a read marker that
 * seems not to advance). Here each load from the cache reads the events stored after the cached version (one indexed
 * query that normally returns nothing) and applies them, so a command always decides on everything stored when it
 * started; a concurrent append after that is caught by the event store's unique (aggregate, sequence) key as before.
 * On a miss the aggregate is loaded as usual, from its latest snapshot and the events after it.
 */
class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    FreshCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder.eventStore(eventStore).cache(cache));
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            DomainEventStream newer = eventStore.readEvents(aggregateIdentifier, aggregate.version() + 1);
            if (newer.hasNext()) {
                aggregate.initializeState(newer);
            }
        }
        return aggregate;
    }
}
