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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    static final String SELECT = "SELECT conversation_id, user_id, role, up_to_sequence, read_at FROM query_read_marker";
    static final RowInsert INSERT = new RowInsert("INSERT INTO query_read_marker (conversation_id, user_id, role,"
            + " up_to_sequence, read_at)", 5, "");
    static final String UPDATE = "UPDATE query_read_marker SET role = ?, up_to_sequence = ?, read_at = ?"
            + " WHERE conversation_id = ? AND user_id = ?";

    static ReadMarkerRow read(ResultSet rows) throws SQLException {
        return new ReadMarkerRow(rows.getLong("conversation_id"), rows.getString("user_id"),
                Columns.enumValue(rows, "role", Role.class), rows.getLong("up_to_sequence"),
                Columns.instant(rows, "read_at"));
    }

    /** Binds this row's columns at parameters {@code at + 1}, {@code at + 2}, ... */
    void bindInsert(PreparedStatement statement, int at) throws SQLException {
        statement.setLong(at + 1, conversationId);
        statement.setString(at + 2, userId);
        Columns.enumName(statement, at + 3, role);
        statement.setLong(at + 4, upToSequence);
        Columns.instant(statement, at + 5, readAt);
    }

    void bindUpdate(PreparedStatement statement) throws SQLException {
        Columns.enumName(statement, 1, role);
        statement.setLong(2, upToSequence);
        Columns.instant(statement, 3, readAt);
        statement.setLong(4, conversationId);
        statement.setString(5, userId);
    }

    String userId() {
        return userId;
    }

    /** Only ever forward, so a late or redelivered older marker cannot make read messages unread again. */
    boolean advance(Role role, long upToSequence, Instant readAt) {
        if (upToSequence <= this.upToSequence) {
            return false;
        }
        this.role = role;
        this.upToSequence = upToSequence;
        this.readAt = readAt;
        return true;
    }

    ReadMarkerView toView() {
        return new ReadMarkerView(userId, role, upToSequence, readAt);
    }
}
