package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MessageSent;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Publishes stored conversation events to Pusher. A failure to reach Pusher propagates (see
 * {@link PusherConfiguration}), so the tracking processor retries the event later instead of losing it; commands never
 * wait for this, they run on other threads and transactions.
 * <p>
 * Events older than {@code pusher.max-event-age}, and events seen during a replay, only feed the audience table: a
 * processor that starts from the beginning of the event store must not re-send history to clients.
 */
@Component
@ProcessingGroup(PusherFanout.PROCESSING_GROUP)
class PusherFanout {

    static final String PROCESSING_GROUP = "pusher-fanout";

    private static final Logger log = LoggerFactory.getLogger(PusherFanout.class);

    private final PusherAudienceCache audiences;
    private final PusherEnvelopes envelopes;
    private final PusherPublisher publisher;
    private final Clock clock;
    private final Duration maxEventAge;
    private final PusherBatches batches;

    PusherFanout(PusherAudienceCache audiences, PusherEnvelopes envelopes, PusherPublisher publisher, Clock clock,
                 PusherProperties properties) {
        this.audiences = audiences;
        this.envelopes = envelopes;
        this.publisher = publisher;
        this.clock = clock;
        this.maxEventAge = properties.maxEventAge();
        this.batches = new PusherBatches(publisher);
    }

    @EventHandler
    void on(MessageSent event, EventMessage<?> message, @Timestamp Instant storedAt, ReplayStatus replay) {
        publish(event.conversationId(), message, storedAt, replay,
                audience -> envelopes.messageCreated(audience, event, message.getIdentifier(), clock.instant()));
    }

    @EventHandler
    void on(ConversationRead event, EventMessage<?> message, @Timestamp Instant storedAt, ReplayStatus replay) {
        publish(event.conversationId(), message, storedAt, replay,
                audience -> envelopes.conversationRead(audience, event, message.getIdentifier(), clock.instant()));
    }

    private void publish(long conversationId, EventMessage<?> message, Instant storedAt, ReplayStatus replay,
                         Function<PusherAudience, Optional<PusherEvent>> mapping) {
        if (!publisher.enabled() || replay.isReplay()) {
            return;
        }
        if (storedAt.plus(maxEventAge).isBefore(clock.instant())) {
            log.debug("Not publishing an event of conversation {} stored at {}: older than {}",
                    conversationId, storedAt, maxEventAge);
            return;
        }
        Long sequence = message instanceof DomainEventMessage<?> stored ? stored.getSequenceNumber() : null;
        audiences.find(conversationId, sequence).flatMap(mapping)
                .ifPresent(event -> batches.publish(conversationId, event));
    }

    @PreDestroy
    void close() {
        batches.close();
    }
}
