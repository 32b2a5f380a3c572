package io.switchboard.query.conversation;

import io.switchboard.api.conversation.MessageSent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Maintains {@link MessageRow}s: every message, keyed by its id. Nothing is read: the batch inserts its messages at
 * commit, skipping any already stored, so a redelivery is a no-op.
 */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class MessageProjection {

    private final ReadModelBatches batches;

    MessageProjection(ReadModelBatches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(MessageSent event) {
        batches.current().addMessage(new MessageRow(event));
    }

    @ResetHandler
    void reset() {
        batches.clear("query_message");
    }
}
