package io.switchboard.query.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ReadMarkerRowRepository extends JpaRepository<ReadMarkerRow, Long> {

    List<ReadMarkerRow> findByConversationIdOrderByUserIdAsc(long conversationId);
}
