package io.switchboard.query.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface ReadMarkerRowRepository extends JpaRepository<ReadMarkerRow, Long> {

    Optional<ReadMarkerRow> findByConversationIdAndUserId(long conversationId, String userId);

    List<ReadMarkerRow> findByConversationIdOrderByUserIdAsc(long conversationId);
}
