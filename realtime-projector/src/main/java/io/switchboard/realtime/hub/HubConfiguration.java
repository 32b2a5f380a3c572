package io.switchboard.realtime.hub;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hub and its per-node processor. With {@code switchboard.redis.url} ({@code SWITCHBOARD_REDIS_URL}) the nodes
 * share presence, signals and wake-ups through Redis; without it everything stays in this JVM.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HubProperties.class)
class HubConfiguration {

    private static final Logger log = LoggerFactory.getLogger(HubConfiguration.class);

    @Bean(destroyMethod = "close")
    Backplane backplane(@Value("${switchboard.redis.url:}") String redisUrl, HubProperties properties) {
        if (redisUrl == null || redisUrl.isBlank()) {
            log.info("realtime hub: single node (no SWITCHBOARD_REDIS_URL): presence and signals stay in this JVM");
            return new InProcessBackplane();
        }
        return RedisBackplane.connect(redisUrl, properties.nodeExpiry());
    }

    /** The event store is lazy here: the app's event store takes the backplane, to announce what it stored. */
    @Bean(destroyMethod = "shutdown")
    Hub hub(Backplane backplane, @Lazy EventStore eventStore, @Lazy QueryGateway queries, HubProperties properties) {
        ExecutorService lanes = Executors.newFixedThreadPool(properties.laneThreads(), daemon("hub-lane-"));
        ExecutorService reads = Executors.newFixedThreadPool(properties.readThreads(), daemon("hub-read-"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("hub-timer-"));
        return new Hub(backplane, new Audiences(queries, properties.audienceCacheSize()),
                new ConversationHistory(eventStore), lanes, reads,
                new FreshReads(timer, properties.freshReadPatience()), properties.laneCapacity());
    }

    /**
     * One processor per node, never sharing a position with the other nodes: its token store is in memory and it
     * starts at the head of the store. A single thread keeps the stored order for every conversation.
     */
    @Autowired
    void configureProcessor(EventProcessingConfigurer processing, HubProperties properties) {
        processing.registerTrackingEventProcessor(HubEventHandler.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        processing.registerTokenStore(HubEventHandler.PROCESSING_GROUP, configuration -> new InMemoryTokenStore());
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
