package io.switchboard.query.conversation;

import io.switchboard.api.identity.Role;
import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface ParticipantRowRepository extends JpaRepository<ParticipantRow, Long> {

    /**
     * Without flushing first: rows get their ids by IDENTITY, so they are inserted the moment they are saved, and the
     * columns looked up never change, so pending changes cannot alter what this finds. (A flush before every lookup
     * was most of the read-model processor's time under load.)
     */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FLUSH_MODE, value = "COMMIT"))
    Optional<ParticipantRow> findByConversationIdAndUserId(long conversationId, String userId);

    /** Join order within each conversation (the starter first). */
    List<ParticipantRow> findByConversationIdInOrderByIdAsc(Collection<Long> conversationIds);

    /**
     * The active participant with one of {@code roles} who joined first (ties by row id), other than
     * {@code excludedUserId}. Unlike the lookup above this one flushes first (the default): a leave or rejoin earlier
     * in the same processor batch has only changed a managed row, and the answer depends on exactly that column.
     */
    @Query("""
            select p.userId from ParticipantRow p
            where p.conversationId = :conversationId and p.active = true and p.userId <> :excludedUserId
              and p.role in :roles
            order by p.joinedAt, p.id
            limit 1""")
    Optional<String> findFirstJoinedActive(long conversationId, Collection<Role> roles, String excludedUserId);
}
