package io.switchboard.realtime.pusher;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PusherProperties.class)
class PusherConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PusherConfiguration.class);

    /** Without credentials the fan-out still consumes events (and keeps its audience) but publishes nothing. */
    @Bean
    PusherPublisher pusherPublisher(PusherProperties properties) {
        if (!publishingOn(properties)) {
            log.warn("Pusher publishing is OFF: PUSHER_APP_ID, PUSHER_KEY and PUSHER_SECRET are not set "
                    + "(plus PUSHER_CLUSTER or PUSHER_HOST); conversation events are consumed and not published");
            return PusherPublisher.disabled();
        }
        log.info("Pusher publishing is ON: app {} at {}", properties.appId(), properties.endpoint());
        return new PusherPublisher(new HttpPusherTransport(properties), properties.retry(),
                PusherPublisher.Pause.SLEEP);
    }

    /** Private channels can be joined exactly when there is a publisher to sign for. */
    @Bean
    PusherChannelSigner pusherChannelSigner(PusherProperties properties) {
        return publishingOn(properties) ? PusherChannelSigner.of(properties.key(), properties.secret())
                : PusherChannelSigner.disabled();
    }

    /** @throws IllegalStateException when some credentials are given but the configuration is incomplete */
    private static boolean publishingOn(PusherProperties properties) {
        if (!properties.credentialsGiven()) {
            return false;
        }
        List<String> problems = properties.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Incomplete Pusher configuration: " + String.join("; ", problems));
        }
        return true;
    }

    /**
     * Axon's default listener error handler logs and moves on, which would silently lose a message during a Pusher
     * outage. Propagating puts the processor into its retry loop on the same event until Pusher is back.
     */
    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(PusherFanout.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }
}
