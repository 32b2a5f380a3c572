package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The fan-out's own audience table; every write is idempotent because events may be delivered again. */
@Repository
class PusherAudienceRepository {

    private final JdbcClient jdbc;

    PusherAudienceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void conversationStarted(long conversationId, String tenant, ConversationKind kind, String subject,
                             String subjectReference) {
        jdbc.sql("""
                        INSERT INTO realtime_pusher_conversation
                            (conversation_id, tenant, kind, subject, subject_reference)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(conversationId, tenant, kind.name(), subject, subjectReference)
                .update();
    }

    /** Adds or re-activates a participant of a known conversation; unknown conversations are not ours to track. */
    void participantJoined(long conversationId, String userId, Role role) {
        int updated = jdbc.sql("""
                        UPDATE realtime_pusher_participant SET role = ?, active = TRUE
                        WHERE conversation_id = ? AND user_id = ?""")
                .params(role.name(), conversationId, userId)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO realtime_pusher_participant (conversation_id, user_id, role, active)
                            SELECT conversation_id, ?, ?, TRUE FROM realtime_pusher_conversation
                            WHERE conversation_id = ?
                            ON CONFLICT DO NOTHING""")
                    .params(userId, role.name(), conversationId)
                    .update();
        }
    }

    void participantLeft(long conversationId, String userId) {
        jdbc.sql("UPDATE realtime_pusher_participant SET active = FALSE WHERE conversation_id = ? AND user_id = ?")
                .params(conversationId, userId)
                .update();
    }

    Optional<PusherAudience> find(long conversationId) {
        List<PusherAudience.Member> members = jdbc.sql("""
                        SELECT user_id, role, active FROM realtime_pusher_participant
                        WHERE conversation_id = ? ORDER BY user_id""")
                .param(conversationId)
                .query((rs, row) -> new PusherAudience.Member(rs.getString("user_id"),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("active")))
                .list();
        return jdbc.sql("""
                        SELECT tenant, kind, subject, subject_reference FROM realtime_pusher_conversation
                        WHERE conversation_id = ?""")
                .param(conversationId)
                .query((rs, row) -> new PusherAudience(conversationId, rs.getString("tenant"),
                        ConversationKind.valueOf(rs.getString("kind")), rs.getString("subject"),
                        rs.getString("subject_reference"), members))
                .optional();
    }

    void clear() {
        jdbc.sql("DELETE FROM realtime_pusher_participant").update();
        jdbc.sql("DELETE FROM realtime_pusher_conversation").update();
    }
}
