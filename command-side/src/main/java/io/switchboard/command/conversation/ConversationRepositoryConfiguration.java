package io.switchboard.command.conversation;

import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How conversations are loaded: a node keeps the conversations it served recently in memory (at most
 * {@code switchboard.aggregate-cache.size}) and brings a cached one up to date with one indexed query before each use
 * ({@link FreshCachingRepository}), so a busy conversation is not rebuilt from the store for every message and a stale
 * copy never decides.
 */
@Configuration(proxyBeanMethods = false)
class ConversationRepositoryConfiguration {

    @Bean
    Repository<Conversation> conversationRepository(EventStore eventStore,
                                                    SnapshotTriggerDefinition conversationSnapshotTrigger,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    HandlerDefinition handlerDefinition,
                                                    @Value("${switchboard.aggregate-cache.size:1000}") int size) {
        EventSourcingRepository.Builder<Conversation> builder = EventSourcingRepository.builder(Conversation.class)
                .snapshotTriggerDefinition(conversationSnapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition);
        return new FreshCachingRepository<>(builder, eventStore, new BoundedAggregateCache(size));
    }
}
