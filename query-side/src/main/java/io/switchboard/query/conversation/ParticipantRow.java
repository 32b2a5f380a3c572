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

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    static final String SELECT = "SELECT id, conversation_id, user_id, name, role, joined_at, active"
            + " FROM query_participant";
    /** The id is the database's (identity): rows are inserted in the order they were created, i.e. join order. */
    static final RowInsert INSERT = new RowInsert("INSERT INTO query_participant (conversation_id, user_id, name,"
            + " role, joined_at, active)", 6, "");
    static final String UPDATE = "UPDATE query_participant SET name = ?, role = ?, joined_at = ?, active = ?"
            + " WHERE id = ?";

    static ParticipantRow read(ResultSet rows) throws SQLException {
        ParticipantRow row = new ParticipantRow();
        row.id = rows.getLong("id");
        row.conversationId = rows.getLong("conversation_id");
        row.userId = rows.getString("user_id");
        row.name = rows.getString("name");
        row.role = Columns.enumValue(rows, "role", Role.class);
        row.joinedAt = Columns.instant(rows, "joined_at");
        row.active = rows.getBoolean("active");
        return row;
    }

    /** Binds this row's columns at parameters {@code at + 1}, {@code at + 2}, ... */
    void bindInsert(PreparedStatement statement, int at) throws SQLException {
        statement.setLong(at + 1, conversationId);
        statement.setString(at + 2, userId);
        statement.setString(at + 3, name);
        Columns.enumName(statement, at + 4, role);
        Columns.instant(statement, at + 5, joinedAt);
        statement.setBoolean(at + 6, active);
    }

    void bindUpdate(PreparedStatement statement) throws SQLException {
        statement.setString(1, name);
        Columns.enumName(statement, 2, role);
        Columns.instant(statement, 3, joinedAt);
        statement.setBoolean(4, active);
        statement.setLong(5, id);
    }

    /** The database id, null until the row is inserted. */
    Long id() {
        return id;
    }

    String userId() {
        return userId;
    }

    String name() {
        return name;
    }

    Role role() {
        return role;
    }

    Instant joinedAt() {
        return joinedAt;
    }

    boolean active() {
        return active;
    }

    /** A participant added by id only is named by their first message (see ParticipantProjection). */
    boolean nameIfMissing(String name) {
        if (this.name != null) {
            return false;
        }
        this.name = name;
        return true;
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
