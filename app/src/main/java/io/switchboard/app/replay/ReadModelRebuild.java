package io.switchboard.app.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the read models from the event store: resets the read-model processors' tokens (their reset handlers
 * empty the tables) and lets them replay every stored event, while the node keeps taking commands (events stored
 * meanwhile are handled after the replayed ones, as usual). Only {@link #READ_MODEL_GROUPS}: the realtime processors
 * (Pusher fan-out, the hub) are never reset, so no client is sent an old event again.
 * <p>
 * Installation-wide: the read models of every tenant are rebuilt together, as they share the processors. One rebuild at
 * a time per node; progress (events done of the events stored when it started, events/s, ETA) is logged every
 * {@code switchboard.replay.log-interval} and available from {@link #status()}.
 */
@Component
public class ReadModelRebuild implements DisposableBean {

    /** The processing groups that only maintain read models, and so may replay history. */
    public static final List<String> READ_MODEL_GROUPS = List.of("conversation-read-models");

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final Duration logInterval;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private RebuildStatus status = RebuildStatus.idle();
    private ScheduledFuture<?> watching;
    private Instant lastLog;

    ReadModelRebuild(EventProcessingConfiguration processing, EventStore eventStore, Clock clock,
                     @Value("${switchboard.replay.log-interval:5s}") Duration logInterval) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock;
        this.logInterval = logInterval;
    }

    /**
     * Starts a rebuild unless one is running.
     *
     * @return the status right after starting, or {@code null} when a rebuild was already running
     */
    public synchronized RebuildStatus start() {
        if (status.state() == RebuildStatus.State.RUNNING) {
            return null;
        }
        List<StreamingEventProcessor> processors = processors();
        long tail = position(eventStore.createTailToken());
        long head = position(eventStore.createHeadToken());
        Instant startedAt = clock.instant();
        log.info("Rebuilding the read models ({}): {} events stored", READ_MODEL_GROUPS, Math.max(0, head - tail));
        try {
            for (StreamingEventProcessor processor : processors) {
                processor.shutDown();
                processor.resetTokens();
            }
        } catch (RuntimeException e) {
            // e.g. another node holds a segment: start again what was stopped, report, change nothing else
            processors.forEach(StreamingEventProcessor::start);
            status = RebuildStatus.failed(READ_MODEL_GROUPS, startedAt, clock.instant(), String.valueOf(e));
            log.error("The read-model rebuild could not start", e);
            return status;
        }
        processors.forEach(StreamingEventProcessor::start);
        status = RebuildStatus.running(READ_MODEL_GROUPS, startedAt, tail, head);
        lastLog = startedAt;
        watching = monitor.scheduleWithFixedDelay(() -> watch(processors), 200, 200, TimeUnit.MILLISECONDS);
        return status;
    }

    public synchronized RebuildStatus status() {
        return status;
    }

    private synchronized void watch(List<StreamingEventProcessor> processors) {
        try {
            long done = Long.MAX_VALUE;
            boolean claimed = true;
            String error = null;
            for (StreamingEventProcessor processor : processors) {
                Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
                TokenStore tokens = processing.tokenStore(processor.getName());
                int stored = tokens.fetchSegments(processor.getName()).length;
                if (segments.isEmpty() || !processor.isRunning() || segments.size() < stored) {
                    // not started or claimed yet, or some segments are processed elsewhere (another node, or
                    // fewer threads than segments here): their progress is not visible from this node
                    claimed = false;
                    if (!segments.isEmpty() && segments.size() < stored) {
                        error = "this node processes " + segments.size() + " of the " + stored + " segments of "
                                + processor.getName() + "; the others' progress is not visible here";
                    }
                }
                for (EventTrackerStatus segment : segments.values()) {
                    done = Math.min(done, segment.getCurrentPosition().orElse(status.tailPosition()));
                    if (segment.isErrorState()) {
                        error = String.valueOf(segment.getError());
                    }
                }
            }
            if (done == Long.MAX_VALUE) {
                done = status.tailPosition();
            }
            // Done once every segment has passed the events stored at the start. (Axon's "replaying" flag stays up
            // until an event after that point arrives, which on an idle installation may take long.)
            Instant now = clock.instant();
            boolean finished = claimed && done >= status.headPosition();
            status = status.progress(done, now, finished, error);
            if (finished) {
                log.info("Read models rebuilt: {}", status.describe());
                watching.cancel(false);
            } else if (!now.isBefore(lastLog.plus(logInterval))) {
                lastLog = now;
                log.info("Rebuilding the read models: {}", status.describe());
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the read-model rebuild's progress", e);
        }
    }

    private List<StreamingEventProcessor> processors() {
        List<StreamingEventProcessor> processors = new ArrayList<>();
        for (String group : READ_MODEL_GROUPS) {
            processors.add(processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow(() ->
                    new IllegalStateException("no streaming event processor " + group)));
        }
        return processors;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    @Override
    public void destroy() {
        monitor.shutdownNow();
    }
}
