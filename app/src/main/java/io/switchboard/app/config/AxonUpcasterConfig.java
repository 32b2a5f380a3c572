package io.switchboard.app.config;

import io.switchboard.app.events.ChatPriorityChangedUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The event upcasters (docs/events.md). Axon's Spring Boot auto-configuration registers every {@link EventUpcaster}
 * bean, in {@link Order} order, into {@code configuration.upcasterChain()}, which the event storage engine
 * ({@link AxonStorageConfig}) applies to everything it reads: aggregate loading and the tracking processors alike.
 * Upcasters of one event type must run oldest revision first.
 */
@Configuration(proxyBeanMethods = false)
class AxonUpcasterConfig {

    @Bean
    @Order(1)
    EventUpcaster chatPriorityChangedUpcaster() {
        return new ChatPriorityChangedUpcaster();
    }
}
