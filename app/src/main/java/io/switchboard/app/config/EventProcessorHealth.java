package io.switchboard.app.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Surfaces what a retried event would otherwise hide: the health component {@code eventProcessors} is DOWN while any
 * processor is stuck retrying a failing event (with the error in its details), and the gauges
 * {@code switchboard.processor.lag} (events stored but not yet processed, per processor) and
 * {@code switchboard.processor.errors} (segments in error) are what to alert on.
 */
@Component("eventProcessors")
class EventProcessorHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    EventProcessorHealth(EventProcessingConfiguration processing, EventStore eventStore, MeterRegistry meters) {
        this.processing = processing;
        this.eventStore = eventStore;
        processing.eventProcessors().keySet().forEach(name -> {
            Gauge.builder("switchboard.processor.lag", () -> lag(name, headPosition())).tag("processor", name)
                    .description("events stored but not yet handled by the processor").register(meters);
            Gauge.builder("switchboard.processor.errors", () -> errors(name)).tag("processor", name)
                    .description("processor segments retrying a failing event").register(meters);
        });
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean failing = false;
        long head = headPosition();
        for (String name : processing.eventProcessors().keySet()) {
            Map<String, Object> processor = new LinkedHashMap<>();
            processor.put("lag", lag(name, head));
            for (EventTrackerStatus status : statuses(name).values()) {
                if (status.isErrorState()) {
                    failing = true;
                    processor.put("error", String.valueOf(status.getError()));
                }
            }
            details.put(name, processor);
        }
        return (failing ? Health.down() : Health.up()).withDetails(details).build();
    }

    /** Events behind the head of the store; -1 while the processor has not claimed its segments yet. */
    private long lag(String name, long head) {
        Map<Integer, EventTrackerStatus> statuses = statuses(name);
        if (statuses.isEmpty()) {
            return -1;
        }
        long behind = 0;
        for (EventTrackerStatus status : statuses.values()) {
            behind = Math.max(behind, head - status.getCurrentPosition().orElse(-1));
        }
        return behind;
    }

    private long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private long errors(String name) {
        return statuses(name).values().stream().filter(EventTrackerStatus::isErrorState).count();
    }

    private Map<Integer, EventTrackerStatus> statuses(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus)
                .orElse(Map.of());
    }
}
