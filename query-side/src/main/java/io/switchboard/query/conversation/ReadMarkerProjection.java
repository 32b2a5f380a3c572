package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationRead;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Maintains {@link ReadMarkerRow}s: one per reader and conversation, participant or not. Stores the event's sequence
 * as is: the command side has already cut "read everything" to the last message, and a cut here would depend on how
 * far the conversation row has moved on, which differs between a first delivery and a redelivery.
 */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class ReadMarkerProjection {

    private final ReadModelBatches batches;

    ReadMarkerProjection(ReadModelBatches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(ConversationRead event) {
        ReadModelBatch batch = batches.current();
        batch.marker(event.conversationId(), event.readerId()).ifPresentOrElse(
                marker -> {
                    if (marker.advance(event.readerRole(), event.upToSequence(), event.readAt())) {
                        batch.changed(marker);
                    }
                },
                () -> batch.addMarker(event.conversationId(), new ReadMarkerRow(event.conversationId(),
                        event.readerId(), event.readerRole(), event.upToSequence(), event.readAt())));
    }

    @ResetHandler
    void reset() {
        batches.clear("query_read_marker");
    }
}
