package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.MessageSent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.List;
import java.util.stream.Stream;

/**
 * Messages of one conversation straight from the event store: complete and in order, whatever the read models'
 * lag. A message's sequence is never above its event's aggregate sequence (the start event comes first), so reading
 * from aggregate sequence {@code after + 1} skips no message after {@code after}.
 */
final class ConversationHistory {

    private final EventStore eventStore;

    ConversationHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Messages with {@code after < sequence <= upTo}, ascending. */
    List<MessageSent> between(long conversationId, long after, long upTo) {
        DomainEventStream events = eventStore.readEvents(String.valueOf(conversationId), Math.max(0, after + 1));
        try (Stream<? extends EventMessage<?>> stream = events.asStream()) {
            return stream.map(EventMessage::getPayload)
                    .filter(MessageSent.class::isInstance)
                    .map(MessageSent.class::cast)
                    .filter(message -> message.sequence() > after && message.sequence() <= upTo)
                    .toList();
        }
    }
}
