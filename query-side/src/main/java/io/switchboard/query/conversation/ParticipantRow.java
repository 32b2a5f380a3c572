package io.switchboard.query.conversation;

import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/** A current or former participant; leaving keeps the row (inactive) so lists can still name who took part. */
@Entity
@Table(name = "query_participant")
@DynamicUpdate // the name may be filled by a plain statement (ParticipantProjection): never write back a stale one
class ParticipantRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long conversationId;
    private String userId;
    private String name;
    @Enumerated(EnumType.STRING)
    private Role role;
    private Instant joinedAt;
    private boolean active;

    protected ParticipantRow() {
    }

    ParticipantRow(long conversationId, String userId, String name, Role role, Instant joinedAt) {
        this.conversationId = conversationId;
        this.userId = userId;
        this.name = name;
        this.role = role;
        this.joinedAt = joinedAt;
        this.active = true;
    }

    /** Only a former participant rejoins; a redelivered join of an active one changes nothing. */
    void rejoin(String name, Role role, Instant joinedAt) {
        if (active) {
            return;
        }
        this.name = name;
        this.role = role;
        this.joinedAt = joinedAt;
        this.active = true;
    }

    void leave() {
        active = false;
    }

    long conversationId() {
        return conversationId;
    }

    ParticipantView toView() {
        return new ParticipantView(userId, name, role, joinedAt, active);
    }
}
