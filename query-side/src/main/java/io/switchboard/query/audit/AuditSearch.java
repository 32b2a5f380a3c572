package io.switchboard.query.audit;

import io.switchboard.api.conversation.ConversationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a tenant's conversations for auditors, from the conversation and participant read models (a search over the
 * present; history and state come from the events).
 */
@Component
class AuditSearch {

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One conversation found; {@code participants} are user ids, present and former, in join order. */
    record Found(long conversationId, ConversationKind kind, String subject, String subjectReference,
                 Instant createdAt, Instant updatedAt, long messageCount, List<String> participants) {
    }

    /**
     * @param kind        null for every kind
     * @param participant null for anyone; else conversations this user is or was a participant of
     * @param from        null, or conversations with activity at or after it (last activity ≥ from)
     * @param to          null, or conversations started at or before it
     */
    List<Found> search(String tenant, ConversationKind kind, String participant, Instant from, Instant to, int offset,
                       int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT c.id, c.kind, c.subject, c.subject_reference, c.created_at, c.updated_at, c.message_count
                FROM query_conversation c
                WHERE c.tenant = :tenant""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant);
        if (kind != null) {
            sql.append(" AND c.kind = :kind");
            params.put("kind", kind.name());
        }
        if (participant != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM query_participant p WHERE p.conversation_id = c.id"
                    + " AND p.user_id = :participant)");
            params.put("participant", participant);
        }
        if (from != null) {
            sql.append(" AND c.updated_at >= :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND c.created_at <= :to");
            params.put("to", Timestamp.from(to));
        }
        sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT :limit OFFSET :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        List<Found> found = new ArrayList<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Found(rs.getLong(1), ConversationKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
                        rs.getLong(7), List.of()))
                .list());
        if (found.isEmpty()) {
            return found;
        }
        Map<Long, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("SELECT conversation_id, user_id FROM query_participant WHERE conversation_id IN (:ids) ORDER BY id")
                .param("ids", found.stream().map(Found::conversationId).toList())
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(entry -> members.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        found.replaceAll(conversation -> new Found(conversation.conversationId(), conversation.kind(),
                conversation.subject(), conversation.subjectReference(), conversation.createdAt(),
                conversation.updatedAt(), conversation.messageCount(),
                List.copyOf(members.getOrDefault(conversation.conversationId(), List.of()))));
        return found;
    }

    static List<String> kinds() {
        return Arrays.stream(ConversationKind.values()).map(Enum::name).toList();
    }
}
