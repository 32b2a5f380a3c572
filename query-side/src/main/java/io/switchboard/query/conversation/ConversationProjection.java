package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Maintains {@link ConversationRow}: one row per conversation with its counters and last activity. Works on the
 * batch's copies ({@link ReadModelBatch}), written at commit.
 */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class ConversationProjection {

    private final ReadModelBatches batches;

    ConversationProjection(ReadModelBatches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(ConversationStarted event) {
        ReadModelBatch batch = batches.current();
        if (batch.conversation(event.conversationId()).isEmpty()) {
            batch.addConversation(new ConversationRow(event));
        }
    }

    @EventHandler
    void on(MessageSent event) {
        ReadModelBatch batch = batches.current();
        batch.conversation(event.conversationId()).ifPresent(row -> {
            row.recordMessage(event);
            batch.changed(row);
        });
    }

    @EventHandler
    void on(ParticipantJoined event) {
        recordActivity(event.conversationId(), event.joinedAt());
    }

    @EventHandler
    void on(ParticipantLeft event) {
        recordActivity(event.conversationId(), event.leftAt());
    }

    @ResetHandler
    void reset() {
        batches.clear("query_conversation");
    }

    private void recordActivity(long conversationId, Instant at) {
        ReadModelBatch batch = batches.current();
        batch.conversation(conversationId).ifPresent(row -> {
            row.recordActivity(at);
            batch.changed(row);
        });
    }
}
