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

/** Maintains {@link ConversationRow}: one row per conversation with its counters and last activity. */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class ConversationProjection {

    private final ConversationRowRepository conversations;

    ConversationProjection(ConversationRowRepository conversations) {
        this.conversations = conversations;
    }

    @EventHandler
    void on(ConversationStarted event) {
        if (!conversations.existsById(event.conversationId())) {
            conversations.save(new ConversationRow(event));
        }
    }

    @EventHandler
    void on(MessageSent event) {
        conversations.findById(event.conversationId()).ifPresent(row -> row.recordMessage(event));
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
        conversations.deleteAllInBatch();
    }

    private void recordActivity(long conversationId, Instant at) {
        conversations.findById(conversationId).ifPresent(row -> row.recordActivity(at));
    }
}
