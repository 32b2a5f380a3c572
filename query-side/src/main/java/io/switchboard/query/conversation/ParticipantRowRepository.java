package io.switchboard.query.conversation;

import jakarta.persistence.QueryHint;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.jpa.repository.JpaRepository;
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
}
