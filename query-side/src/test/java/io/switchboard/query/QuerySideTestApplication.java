package io.switchboard.query;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The query side alone: JPA read models on the test database, Flyway with the query migrations only. Axon's event
 * and token stores are in memory because their tables belong to the app; the full pipeline is tested there.
 */
@SpringBootApplication
class QuerySideTestApplication {

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    @Bean
    TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }

    /** The app's own (AxonMessagingConfig) is not here; the audit API's access log needs one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
