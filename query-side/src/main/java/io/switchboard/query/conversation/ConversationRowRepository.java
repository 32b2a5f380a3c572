package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ReadStates;
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

    /** One row per conversation the reader actively participates in, ascending by id. */
    @Query("""
            select new io.switchboard.api.conversation.query.ReadStates$ReadState(c.id, c.lastSequence,
                   coalesce(r.upToSequence, 0),
                   (select count(m) from MessageRow m
                    where m.conversationId = c.id and m.sequence > coalesce(r.upToSequence, 0)
                      and (m.senderId is null or m.senderId <> :readerId)))
            from ConversationRow c
            join ParticipantRow p on p.conversationId = c.id and p.userId = :readerId and p.active = true
            left join ReadMarkerRow r on r.conversationId = c.id and r.userId = :readerId
            where c.tenant = :tenant and (:kind is null or c.kind = :kind)
              and (:conversationId is null or c.id = :conversationId)
            order by c.id""")
    List<ReadStates.ReadState> findReadStates(String tenant, String readerId, ConversationKind kind,
                                              Long conversationId);

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
