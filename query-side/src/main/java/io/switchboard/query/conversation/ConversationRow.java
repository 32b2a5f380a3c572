package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ParticipantView;
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

/** A conversation as a list row; the last message is referenced by id and loaded with the page. */
@Entity
@Table(name = "query_conversation")
class ConversationRow {

    @Id
    private Long id;
    private String tenant;
    @Enumerated(EnumType.STRING)
    private ConversationKind kind;
    private String subject;
    private String subjectReference;
    private Instant createdAt;
    private Instant updatedAt;
    private long messageCount;
    private long lastSequence;
    private Long lastMessageId;

    protected ConversationRow() {
    }

    ConversationRow(ConversationStarted event) {
        this.id = event.conversationId();
        this.tenant = event.tenant();
        this.kind = event.kind();
        this.subject = event.subject();
        this.subjectReference = event.subjectReference();
        this.createdAt = event.startedAt();
        this.updatedAt = event.startedAt();
    }

    /** Every column, in the order {@link #read} and {@link #bindInsert} use. */
    static final String COLUMNS = "id, tenant, kind, subject, subject_reference, created_at, updated_at,"
            + " message_count, last_sequence, last_message_id";
    static final RowInsert INSERT = new RowInsert("INSERT INTO query_conversation (" + COLUMNS + ")", 10, "");
    /** The columns a conversation's later events change. */
    static final String UPDATE = "UPDATE query_conversation SET updated_at = ?, message_count = ?, last_sequence = ?,"
            + " last_message_id = ? WHERE id = ?";

    static ConversationRow read(ResultSet rows) throws SQLException {
        ConversationRow row = new ConversationRow();
        row.id = rows.getLong("id");
        row.tenant = rows.getString("tenant");
        row.kind = Columns.enumValue(rows, "kind", ConversationKind.class);
        row.subject = rows.getString("subject");
        row.subjectReference = rows.getString("subject_reference");
        row.createdAt = Columns.instant(rows, "created_at");
        row.updatedAt = Columns.instant(rows, "updated_at");
        row.messageCount = rows.getLong("message_count");
        row.lastSequence = rows.getLong("last_sequence");
        row.lastMessageId = Columns.nullableLong(rows, "last_message_id");
        return row;
    }

    /** Binds this row's columns at parameters {@code at + 1}, {@code at + 2}, ... */
    void bindInsert(PreparedStatement statement, int at) throws SQLException {
        statement.setLong(at + 1, id);
        statement.setString(at + 2, tenant);
        Columns.enumName(statement, at + 3, kind);
        statement.setString(at + 4, subject);
        statement.setString(at + 5, subjectReference);
        Columns.instant(statement, at + 6, createdAt);
        Columns.instant(statement, at + 7, updatedAt);
        statement.setLong(at + 8, messageCount);
        statement.setLong(at + 9, lastSequence);
        Columns.nullableLong(statement, at + 10, lastMessageId);
    }

    void bindUpdate(PreparedStatement statement) throws SQLException {
        Columns.instant(statement, 1, updatedAt);
        statement.setLong(2, messageCount);
        statement.setLong(3, lastSequence);
        Columns.nullableLong(statement, 4, lastMessageId);
        statement.setLong(5, id);
    }

    /** Counts a message once: a redelivered message has a sequence already seen. */
    void recordMessage(MessageSent event) {
        if (event.sequence() <= lastSequence) {
            return;
        }
        messageCount++;
        lastSequence = event.sequence();
        lastMessageId = event.messageId();
        recordActivity(event.sentAt());
    }

    /** Never moves back, so a redelivered older event cannot undo later activity. */
    void recordActivity(Instant at) {
        if (at.isAfter(updatedAt)) {
            updatedAt = at;
        }
    }

    long id() {
        return id;
    }

    Long lastMessageId() {
        return lastMessageId;
    }

    ConversationSummary toSummary(List<ParticipantView> participants, MessageView lastMessage, long unreadCount) {
        return new ConversationSummary(id, tenant, kind, subject, subjectReference, participants, messageCount,
                lastSequence, lastMessage, unreadCount, createdAt, updatedAt);
    }
}
