package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.LiveChatView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A live chat's routing state: queue status, visitor presence, priority and serving staff. Its messages and staff
 * live in the message and participant read models and are joined in when answering.
 * <p>
 * Every change is either an assignment the event fully determines or one that only moves forward (a closed chat stays
 * closed, {@code updatedAt} never moves back), so redelivering any tail of a chat's events ends in the same row.
 */
@Entity
@Table(name = "query_live_chat")
class LiveChatRow {

    @Id
    private Long conversationId;
    private String tenant;
    private String visitorId;
    private String visitorName;
    private String visitorEmail;
    @Enumerated(EnumType.STRING)
    private LiveChatStatus status;
    private boolean visitorOnline;
    private int severityLevel;
    private Instant flaggedAt;
    private String servingStaffId;
    private Instant startedAt;
    private Instant updatedAt;

    protected LiveChatRow() {
    }

    /** A chat starts queued with the visitor online: they just sent the first message. */
    LiveChatRow(ConversationStarted event) {
        this.conversationId = event.conversationId();
        this.tenant = event.tenant();
        this.visitorId = event.startedBy();
        this.visitorName = event.participants().stream()
                .filter(participant -> participant.userId().equals(event.startedBy()))
                .map(Participant::name)
                .findFirst().orElse(null);
        this.visitorEmail = event.subjectReference();
        this.status = LiveChatStatus.QUEUED;
        this.visitorOnline = true;
        this.startedAt = event.startedAt();
        this.updatedAt = event.startedAt();
    }

    static final String COLUMNS = "conversation_id, tenant, visitor_id, visitor_name, visitor_email, status,"
            + " visitor_online, severity_level, flagged_at, serving_staff_id, started_at, updated_at";
    static final RowInsert INSERT = new RowInsert("INSERT INTO query_live_chat (" + COLUMNS + ")", 12, "");
    /** The columns a chat's later events change. */
    static final String UPDATE = "UPDATE query_live_chat SET status = ?, visitor_online = ?, severity_level = ?,"
            + " flagged_at = ?, serving_staff_id = ?, updated_at = ? WHERE conversation_id = ?";

    static LiveChatRow read(ResultSet rows) throws SQLException {
        LiveChatRow row = new LiveChatRow();
        row.conversationId = rows.getLong("conversation_id");
        row.tenant = rows.getString("tenant");
        row.visitorId = rows.getString("visitor_id");
        row.visitorName = rows.getString("visitor_name");
        row.visitorEmail = rows.getString("visitor_email");
        row.status = Columns.enumValue(rows, "status", LiveChatStatus.class);
        row.visitorOnline = rows.getBoolean("visitor_online");
        row.severityLevel = rows.getInt("severity_level");
        row.flaggedAt = Columns.instant(rows, "flagged_at");
        row.servingStaffId = rows.getString("serving_staff_id");
        row.startedAt = Columns.instant(rows, "started_at");
        row.updatedAt = Columns.instant(rows, "updated_at");
        return row;
    }

    /** Binds this row's columns at parameters {@code at + 1}, {@code at + 2}, ... */
    void bindInsert(PreparedStatement statement, int at) throws SQLException {
        statement.setLong(at + 1, conversationId);
        statement.setString(at + 2, tenant);
        statement.setString(at + 3, visitorId);
        statement.setString(at + 4, visitorName);
        statement.setString(at + 5, visitorEmail);
        Columns.enumName(statement, at + 6, status);
        statement.setBoolean(at + 7, visitorOnline);
        statement.setInt(at + 8, severityLevel);
        Columns.instant(statement, at + 9, flaggedAt);
        statement.setString(at + 10, servingStaffId);
        Columns.instant(statement, at + 11, startedAt);
        Columns.instant(statement, at + 12, updatedAt);
    }

    void bindUpdate(PreparedStatement statement) throws SQLException {
        Columns.enumName(statement, 1, status);
        statement.setBoolean(2, visitorOnline);
        statement.setInt(3, severityLevel);
        Columns.instant(statement, 4, flaggedAt);
        statement.setString(5, servingStaffId);
        Columns.instant(statement, 6, updatedAt);
        statement.setLong(7, conversationId);
    }

    /** A closed chat never reopens (the visitor starts a new one): what follows its close changes nothing. */
    boolean isClosed() {
        return status == LiveChatStatus.CLOSED;
    }

    /** A claim, or a take-over (which would also assign a chat nobody had claimed, should that ever happen). */
    void serve(String staffId, Instant at) {
        status = LiveChatStatus.ASSIGNED;
        servingStaffId = staffId;
        recordActivity(at);
    }

    /**
     * {@code flaggedAt} follows the contract of {@link LiveChatView#flaggedAt()}: set when the severity goes from 0
     * to above 0, kept while it moves between levels above 0, cleared at 0. It is null exactly when the level is 0,
     * which the flagged list's index relies on.
     */
    void changePriority(int level, Instant at) {
        if (level <= 0) {
            flaggedAt = null;
        } else if (flaggedAt == null) {
            flaggedAt = at;
        }
        severityLevel = Math.max(level, 0);
        recordActivity(at);
    }

    void visitorPresence(boolean online, Instant at) {
        visitorOnline = online;
        recordActivity(at);
    }

    void close(Instant at) {
        status = LiveChatStatus.CLOSED;
        recordActivity(at);
    }

    String servingStaffId() {
        return servingStaffId;
    }

    /** The serving staff member left: {@code successorId} (null when no staff remains, keeping who served last). */
    void servingStaffLeft(String successorId, Instant at) {
        if (successorId != null) {
            servingStaffId = successorId;
        }
        recordActivity(at);
    }

    /** Never moves back, so a redelivered older event cannot undo later activity. */
    void recordActivity(Instant at) {
        if (at != null && at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    long conversationId() {
        return conversationId;
    }

    boolean visitorOnline() {
        return visitorOnline;
    }

    /**
     * @param servingStaff the serving staff member's participant view, or null when there is none
     * @param staff        active staff, the serving one first
     */
    LiveChatView toView(ParticipantView servingStaff, List<ParticipantView> staff) {
        return new LiveChatView(conversationId, tenant, visitorId, visitorName, visitorEmail, status, visitorOnline,
                severityLevel, flaggedAt, servingStaff, staff, startedAt, updatedAt);
    }
}
