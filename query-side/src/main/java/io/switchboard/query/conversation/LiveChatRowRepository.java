package io.switchboard.query.conversation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface LiveChatRowRepository extends JpaRepository<LiveChatRow, Long> {

    Optional<LiveChatRow> findByConversationIdAndTenant(long conversationId, String tenant);

    /** Oldest first (ties by id), index {@code query_live_chat_queue}. */
    @Query("""
            select c from LiveChatRow c
            where c.tenant = :tenant and c.status = io.switchboard.api.livechat.LiveChatStatus.QUEUED
              and c.visitorOnline = :visitorOnline
            order by c.startedAt, c.conversationId
            limit :limit""")
    List<LiveChatRow> findQueued(String tenant, boolean visitorOnline, int limit);

    /**
     * Most recently flagged first (ties by higher id), index {@code query_live_chat_flagged}. The open statuses are
     * listed rather than "not closed" so the index can skip the closed chats, and {@code flaggedAt is not null}
     * (which holds exactly when the severity is above 0) is what the index can range over.
     */
    @Query("""
            select c from LiveChatRow c
            where c.tenant = :tenant
              and c.status in (io.switchboard.api.livechat.LiveChatStatus.QUEUED,
                               io.switchboard.api.livechat.LiveChatStatus.ASSIGNED)
              and c.flaggedAt is not null and c.severityLevel > 0
            order by c.flaggedAt desc, c.conversationId desc
            limit :limit""")
    List<LiveChatRow> findFlagged(String tenant, int limit);
}
