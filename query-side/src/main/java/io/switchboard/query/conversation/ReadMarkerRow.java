package io.switchboard.query.conversation;

import io.switchboard.api.conversation.query.ReadMarkerView;
import io.switchboard.api.identity.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** How far one reader has read one conversation. */
@Entity
@Table(name = "query_read_marker")
class ReadMarkerRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long conversationId;
    private String userId;
    @Enumerated(EnumType.STRING)
    private Role role;
    private long upToSequence;
    private Instant readAt;

    protected ReadMarkerRow() {
    }

    ReadMarkerRow(long conversationId, String userId, Role role, long upToSequence, Instant readAt) {
        this.conversationId = conversationId;
        this.userId = userId;
        this.role = role;
        this.upToSequence = upToSequence;
        this.readAt = readAt;
    }

    /** Only ever forward, so a late or redelivered older marker cannot make read messages unread again. */
    void advance(Role role, long upToSequence, Instant readAt) {
        if (upToSequence <= this.upToSequence) {
            return;
        }
        this.role = role;
        this.upToSequence = upToSequence;
        this.readAt = readAt;
    }

    ReadMarkerView toView() {
        return new ReadMarkerView(userId, role, upToSequence, readAt);
    }
}
