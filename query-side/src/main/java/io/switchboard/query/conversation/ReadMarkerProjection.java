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

    private final ReadMarkerRowRepository markers;

    ReadMarkerProjection(ReadMarkerRowRepository markers) {
        this.markers = markers;
    }

    @EventHandler
    void on(ConversationRead event) {
        markers.findByConversationIdAndUserId(event.conversationId(), event.readerId()).ifPresentOrElse(
                marker -> marker.advance(event.readerRole(), event.upToSequence(), event.readAt()),
                () -> markers.save(new ReadMarkerRow(event.conversationId(), event.readerId(), event.readerRole(),
                        event.upToSequence(), event.readAt())));
    }

    @ResetHandler
    void reset() {
        markers.deleteAllInBatch();
    }
}
