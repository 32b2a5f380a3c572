package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface ConversationRowRepository extends JpaRepository<ConversationRow, Long> {

    Optional<ConversationRow> findByIdAndTenant(long id, String tenant);

    /**
     * The room thread of one booking. The command side's natural key allows one per room booking; {@code limit 1}
     * merely keeps the lookup answering should that ever break.
     */
    @Query("""
            select c from ConversationRow c
            where c.tenant = :tenant and c.kind = io.switchboard.api.conversation.ConversationKind.GUEST_ROOM
              and c.subject = :room and c.subjectReference = :booking
            order by c.id
            limit 1""")
    Optional<ConversationRow> findGuestRoom(String tenant, String room, String booking);

    @Query("""
            select c from ConversationRow c
            where c.tenant = :tenant and c.kind = :kind
              and (:participatingOnly = false or exists (
                    select p.id from ParticipantRow p
                    where p.conversationId = c.id and p.userId = :viewerId and p.active = true))
            order by c.updatedAt desc, c.id desc
            limit :limit offset :offset""")
    List<ConversationRow> findPage(String tenant, ConversationKind kind, String viewerId, boolean participatingOnly,
                                   int limit, int offset);
}
