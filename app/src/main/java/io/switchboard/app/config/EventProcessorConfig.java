package io.switchboard.app.config;

import io.switchboard.app.replay.ReadModelRebuild;
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
 * <li><b>Segments.</b> Each processor's events are split into {@code switchboard.processors.segments} segments by
 * conversation (Axon's default sequencing: one aggregate's events stay in order, in one segment), each handled by its
 * own thread — on one node, or spread over the nodes claiming them. One thread spent most of its time waiting for the
 * database round trips of one event after another. The count applies when a processor's tokens are first created;
 * an existing deployment keeps its segments until they are split (Axon's {@code splitSegment}).</li>
 * <li><b>Read models replay in large batches.</b> The read-model processors ({@link ReadModelRebuild#READ_MODEL_GROUPS})
 * take up to {@code switchboard.processors.read-models.batch-size} (5,000) events per transaction: their projections
 * write a batch with a few JDBC batches whatever its size, so a rebuild goes as fast as the events can be read. A
 * live batch is only what is available, so the larger limit adds no latency.</li>
 * <li><b>One segment for the read models</b> ({@code switchboard.processors.read-models.segments}, 1): a tracking
 * processor's every segment reads every event from the store, and a read-model batch's writes cost little, so two
 * segments halved nothing but doubled the reading — a rebuild of 101,290 events ran at 11,500–15,100 events/s with
 * one segment against 7,700–9,500 with two (bench/README.md, rebuild). Like the other count, it applies when the
 * tokens are first created.</li>
 * <li><b>Auto-start.</b> {@code switchboard.processors.auto-start=false} (the {@code replay} command) leaves every
 * processor stopped until something starts it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class EventProcessorConfig {

    @Autowired
    void configureProcessors(EventProcessingConfigurer processing,
                             @Value("${switchboard.processors.batch-size:100}") int batchSize,
                             @Value("${switchboard.processors.segments:2}") int segments,
                             @Value("${switchboard.processors.read-models.batch-size:5000}") int readModelBatchSize,
                             @Value("${switchboard.processors.read-models.segments:1}") int readModelSegments,
                             @Value("${switchboard.processors.auto-start:true}") boolean autoStart) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        processing.registerTrackingEventProcessorConfiguration(configuration ->
                TrackingEventProcessorConfiguration.forParallelProcessing(segments).andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize).andAutoStart(autoStart));
        for (String group : ReadModelRebuild.READ_MODEL_GROUPS) {
            processing.registerTrackingEventProcessorConfiguration(group, configuration ->
                    TrackingEventProcessorConfiguration.forParallelProcessing(readModelSegments)
                            .andInitialSegmentsCount(readModelSegments).andBatchSize(readModelBatchSize)
                            .andAutoStart(autoStart));
        }
    }
}
