package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Unread = messages by someone else (a message without sender counts too) after the reader's marker; no marker means
 * everything by others is unread.
 */
interface MessageRowRepository extends JpaRepository<MessageRow, Long> {

    Optional<MessageRow> findByMessageIdAndTenant(long messageId, String tenant);

    @Query("select m.sequence from MessageRow m where m.messageId = :messageId and m.conversationId = :conversationId")
    Optional<Long> findSequence(long conversationId, long messageId);

    /** Newest first, below {@code beforeSequence}, skipping {@code offset}. */
    @Query("""
            select m from MessageRow m
            where m.conversationId = :conversationId and m.sequence < :beforeSequence
            order by m.sequence desc
            limit :limit offset :offset""")
    List<MessageRow> findOlder(long conversationId, long beforeSequence, int offset, int limit);

    /** Oldest first, the ones right after {@code afterSequence}, so a catch-up continues without a gap. */
    @Query("""
            select m from MessageRow m
            where m.conversationId = :conversationId and m.sequence > :afterSequence
            order by m.sequence asc
            limit :limit""")
    List<MessageRow> findNewer(long conversationId, long afterSequence, int limit);

    /**
     * The latest {@code perConversation} messages of each conversation, ordered by conversation id, then oldest first,
     * in one statement for all of them. Sequences are gap-free from 1, so the latest n are those above the
     * conversation's last sequence minus n. What is returned is bounded; what is read is, at worst, every message of
     * the given conversations (the planner need not turn the per-conversation bound into an index range), which for
     * the queued live chats this serves is a few each.
     */
    @Query("""
            select m from MessageRow m
            join ConversationRow c on c.id = m.conversationId
            where m.conversationId in :conversationIds and m.sequence > c.lastSequence - :perConversation
            order by m.conversationId, m.sequence""")
    List<MessageRow> findLatestOfEach(Collection<Long> conversationIds, long perConversation);

    boolean existsByConversationIdAndSequenceLessThan(long conversationId, long sequence);

    @Query("""
            select new io.switchboard.query.conversation.UnreadCount(m.conversationId, count(m))
            from MessageRow m
            left join ReadMarkerRow r on r.conversationId = m.conversationId and r.userId = :readerId
            where m.conversationId in :conversationIds
              and (m.senderId is null or m.senderId <> :readerId)
              and m.sequence > coalesce(r.upToSequence, 0)
            group by m.conversationId""")
    List<UnreadCount> countUnread(Collection<Long> conversationIds, String readerId);

    /** Over the conversations the reader actively participates in; {@code kind} null for all kinds. */
    @Query("""
            select new io.switchboard.query.conversation.UnreadCount(m.conversationId, count(m))
            from MessageRow m
            join ConversationRow c on c.id = m.conversationId
            join ParticipantRow p on p.conversationId = m.conversationId and p.userId = :readerId and p.active = true
            left join ReadMarkerRow r on r.conversationId = m.conversationId and r.userId = :readerId
            where c.tenant = :tenant and (:kind is null or c.kind = :kind)
              and (m.senderId is null or m.senderId <> :readerId)
              and m.sequence > coalesce(r.upToSequence, 0)
            group by m.conversationId
            order by m.conversationId""")
    List<UnreadCount> countUnreadOfParticipant(String tenant, String readerId, ConversationKind kind);
}
