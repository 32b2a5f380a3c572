package io.switchboard.query.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

interface ParticipantRowRepository extends JpaRepository<ParticipantRow, Long> {

    /** Join order within each conversation (the starter first). */
    List<ParticipantRow> findByConversationIdInOrderByIdAsc(Collection<Long> conversationIds);
}
