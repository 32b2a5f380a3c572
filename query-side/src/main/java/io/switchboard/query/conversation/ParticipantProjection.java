package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** Maintains {@link ParticipantRow}s: who is, and who was, in each conversation. */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class ParticipantProjection {

    private final ParticipantRowRepository participants;
    private final JdbcClient jdbc;

    ParticipantProjection(ParticipantRowRepository participants, JdbcClient jdbc) {
        this.participants = participants;
        this.jdbc = jdbc;
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
     * see the messages in the same order, end with the same name.
     * <p>
     * One plain statement per message: every message passes here, and loading the participant through a repository
     * query cost ~8 % of the server's CPU under load, almost always to find the name already known. The row is never
     * loaded, so a managed copy elsewhere in the batch keeps its old name in memory; {@link ParticipantRow} updates
     * only the columns that changed, so flushing that copy never writes the stale name back.
     */
    @EventHandler
    void on(MessageSent event) {
        if (event.senderId() != null && event.senderName() != null) {
            jdbc.sql("UPDATE query_participant SET name = ? WHERE conversation_id = ? AND user_id = ? AND name IS NULL")
                    .params(event.senderName(), event.conversationId(), event.senderId())
                    .update();
        }
    }

    @EventHandler
    void on(ParticipantLeft event) {
        participants.findByConversationIdAndUserId(event.conversationId(), event.userId())
                .ifPresent(ParticipantRow::leave);
    }

    @ResetHandler
    void reset() {
        participants.deleteAllInBatch();
    }

    private void join(long conversationId, String userId, String name, Role role, Instant at) {
        participants.findByConversationIdAndUserId(conversationId, userId).ifPresentOrElse(
                row -> row.rejoin(name, role, at),
                () -> participants.save(new ParticipantRow(conversationId, userId, name, role, at)));
    }
}
