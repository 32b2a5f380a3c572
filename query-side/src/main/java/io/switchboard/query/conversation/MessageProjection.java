package io.switchboard.query.conversation;

import io.switchboard.api.conversation.MessageSent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/** Maintains {@link MessageRow}s: every message, keyed by its id so a redelivery is a no-op. */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class MessageProjection {

    private final MessageRowRepository messages;

    MessageProjection(MessageRowRepository messages) {
        this.messages = messages;
    }

    @EventHandler
    void on(MessageSent event) {
        // a primary-key lookup: unlike existsById's query it neither flushes nor plans a query
        if (messages.findById(event.messageId()).isEmpty()) {
            messages.save(new MessageRow(event));
        }
    }

    @ResetHandler
    void reset() {
        messages.deleteAllInBatch();
    }
}
