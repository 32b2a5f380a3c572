package io.switchboard.app.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * How every event processor (read models, Pusher fan-out) runs.
 * <ul>
 * <li><b>A failing event is retried, never skipped.</b> Axon's default error handler logs a handler's exception and
 * moves on, which would leave a silent hole in a read model. Propagating it makes the processor roll the batch back
 * and retry it with back-off (1 s doubling to 60 s), holding later events back until it succeeds;
 * {@link EventProcessorHealth} reports the processor in error and how far it lags.</li>
 * <li><b>Batches.</b> A processor handles up to {@code switchboard.processors.batch-size} events per transaction and
 * token update, instead of one: under load the read models and the fan-out keep up with the commands (one transaction
 * per event took ~3 database round trips per event plus a commit, and fell seconds behind a burst).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EventProcessorConfig {

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing,
                             @Value("${switchboard.processors.batch-size:100}") int batchSize) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.registerTrackingEventProcessorConfiguration(configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
    }
}
