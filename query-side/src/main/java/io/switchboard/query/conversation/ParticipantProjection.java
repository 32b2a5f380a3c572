package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Maintains {@link ParticipantRow}s: who is, and who was, in each conversation. */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class ParticipantProjection {

    private final ReadModelBatches batches;

    ParticipantProjection(ReadModelBatches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(ConversationStarted event) {
        event.participants().forEach(participant -> join(event.conversationId(), participant.userId(),
                participant.name(), participant.role(), event.startedAt()));
    }

    @EventHandler
    void on(ParticipantJoined event) {
        join(event.conversationId(), event.userId(), event.name(), event.role(), event.joinedAt());
    }

    /**
     * Participants added by id only (a staff chat's creator knows no names) are named by their first message, which
     * carries the name from the sender's own token. Only a missing name is filled, so redeliveries and replays, which
     * see the messages in the same order, end with the same name. The participants are already in memory for the
     * batch, so this costs nothing when the name is known.
     */
    @EventHandler
    void on(MessageSent event) {
        if (event.senderId() != null && event.senderName() != null) {
            ReadModelBatch batch = batches.current();
            batch.participant(event.conversationId(), event.senderId()).ifPresent(row -> {
                if (row.nameIfMissing(event.senderName())) {
                    batch.changed(row);
                }
            });
        }
    }

    @EventHandler
    void on(ParticipantLeft event) {
        ReadModelBatch batch = batches.current();
        batch.participant(event.conversationId(), event.userId()).ifPresent(row -> {
            row.leave();
            batch.changed(row);
        });
    }

    @ResetHandler
    void reset() {
        batches.clear("query_participant");
    }

    private void join(long conversationId, String userId, String name, Role role, Instant at) {
        ReadModelBatch batch = batches.current();
        batch.participant(conversationId, userId).ifPresentOrElse(
                row -> {
                    row.rejoin(name, role, at);
                    batch.changed(row);
                },
                () -> batch.addParticipant(new ParticipantRow(conversationId, userId, name, role, at)));
    }
}
