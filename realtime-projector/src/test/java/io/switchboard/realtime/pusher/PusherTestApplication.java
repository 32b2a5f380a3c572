package io.switchboard.realtime.pusher;

import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The fan-out as the app assembles it (component scan, Axon's Spring Boot configuration, Flyway, a real database),
 * with the event store and tokens in memory: the app module owns the persistent ones.
 */
@SpringBootApplication(scanBasePackageClasses = PusherFanout.class)
class PusherTestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    EventStorageEngine eventStorageEngine() {
        return new InMemoryEventStorageEngine();
    }

    @Bean
    TokenStore tokenStore() {
        return new InMemoryTokenStore();
    }
}
