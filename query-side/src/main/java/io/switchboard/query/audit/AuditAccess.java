package io.switchboard.query.audit;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Who may read the audit API, and the record of every read. Only auditors and admins, and only their own tenant's
 * conversations: another tenant's conversation answers 404, exactly like an unknown id, so nothing about it leaks.
 * Every request — granted or refused — is written to {@code query_audit_access} before it is answered.
 */
@Component
class AuditAccess {

    static final int MAX_PARAMETERS_LENGTH = 1_000;

    private final JdbcClient jdbc;
    private final ConversationEvents events;
    private final Clock clock;

    AuditAccess(JdbcClient jdbc, ConversationEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** An entry of the access log, newest first when listed. */
    record Access(long id, String actorId, String actorRole, String action, Long conversationId, String parameters,
                  String outcome, Instant accessedAt) {
    }

    /** The caller, when an auditor or admin; otherwise the refusal is logged and 403 thrown. */
    AuthenticatedUser requireAuditor(AuthenticatedUser user, String action, Long conversationId, String parameters) {
        if (user.role() != Role.AUDITOR && user.role() != Role.ADMIN) {
            record(user, action, conversationId, parameters, "forbidden");
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Only auditors and admins may read the audit API.");
        }
        return user;
    }

    /**
     * Checks the conversation is the caller's tenant's (the tenant is its first event's) and logs the read; returns
     * its events stamped at or before {@code until} (all when null).
     */
    List<AuditedEvent> conversationEvents(AuthenticatedUser user, String action, long conversationId,
                                          String parameters, Instant until) {
        requireAuditor(user, action, conversationId, parameters);
        List<AuditedEvent> first = events.after(conversationId, -1, 1);
        requireOwnTenant(user, action, conversationId, parameters, first);
        return events.until(conversationId, until);
    }

    /** As {@link #conversationEvents} for callers that read the rows themselves (verify). */
    void requireConversation(AuthenticatedUser user, String action, long conversationId, String parameters) {
        requireAuditor(user, action, conversationId, parameters);
        requireOwnTenant(user, action, conversationId, parameters, events.after(conversationId, -1, 1));
    }

    private void requireOwnTenant(AuthenticatedUser user, String action, long conversationId, String parameters,
                                  List<AuditedEvent> events) {
        boolean own = !events.isEmpty() && events.get(0).payload() instanceof ConversationStarted started
                && started.tenant().equals(user.tenant());
        if (!own) {
            record(user, action, conversationId, parameters, "not_found");
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Not found.");
        }
        record(user, action, conversationId, parameters, "granted");
    }

    void record(AuthenticatedUser user, String action, Long conversationId, String parameters, String outcome) {
        String bounded = parameters == null ? null : storable(parameters.length() <= MAX_PARAMETERS_LENGTH
                ? parameters : parameters.substring(0, MAX_PARAMETERS_LENGTH));
        jdbc.sql("""
                        INSERT INTO query_audit_access (tenant, actor_id, actor_role, action, conversation_id, parameters,
                                                        outcome, accessed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.tenant(), user.userId(), user.role().wireName(), action, conversationId, bounded, outcome,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Parameters are logged as the caller sent them, before they are validated; what PostgreSQL cannot store as text
     * (NUL, a lone surrogate) is logged as U+FFFD.
     */
    static String storable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The tenant's access log, newest first, below {@code beforeId} when given. */
    List<Access> log(String tenant, Long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, actor_id, actor_role, action, conversation_id, parameters, outcome, accessed_at
                        FROM query_audit_access
                        WHERE tenant = ? AND id < ?
                        ORDER BY id DESC
                        LIMIT ?""")
                .params(tenant, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                .query((rs, n) -> new Access(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }
}
