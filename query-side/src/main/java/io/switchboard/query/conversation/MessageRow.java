package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.Role;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "query_message")
class MessageRow implements Persistable<Long> {

    /** A row built from an event is new: saving it inserts, without the select a merge would do first. */
    @Transient
    private boolean fresh = true;

    @Id
    private Long messageId;
    private long conversationId;
    private long sequence;
    private String tenant;
    private String senderId;
    private String senderName;
    @Enumerated(EnumType.STRING)
    private Role senderRole;
    @Enumerated(EnumType.STRING)
    private MessageType type;
    private String text;
    private String content;
    @Convert(converter = AttachmentsJsonConverter.class)
    private List<Attachment> attachments;
    private String clientMessageId;
    private Instant sentAt;

    protected MessageRow() {
    }

    MessageRow(MessageSent event) {
        this.messageId = event.messageId();
        this.conversationId = event.conversationId();
        this.sequence = event.sequence();
        this.tenant = event.tenant();
        this.senderId = event.senderId();
        this.senderName = event.senderName();
        this.senderRole = event.senderRole();
        this.type = event.type();
        this.text = event.text();
        this.content = event.content();
        this.attachments = event.attachments();
        this.clientMessageId = event.clientMessageId();
        this.sentAt = event.sentAt();
    }

    /**
     * A redelivered message (same id, or same conversation and sequence) inserts nothing. {@code ON CONFLICT DO
     * NOTHING} without a target is understood by PostgreSQL and by H2 in PostgreSQL mode alike.
     */
    static final RowInsert INSERT = new RowInsert("INSERT INTO query_message (message_id, conversation_id, sequence,"
            + " tenant, sender_id, sender_name, sender_role, type, text, content, attachments, client_message_id,"
            + " sent_at)", 13, " ON CONFLICT DO NOTHING");

    private static final AttachmentsJsonConverter ATTACHMENTS = new AttachmentsJsonConverter();

    /** Binds this row's columns at parameters {@code at + 1}, {@code at + 2}, ... */
    void bindInsert(PreparedStatement statement, int at) throws SQLException {
        statement.setLong(at + 1, messageId);
        statement.setLong(at + 2, conversationId);
        statement.setLong(at + 3, sequence);
        statement.setString(at + 4, tenant);
        statement.setString(at + 5, senderId);
        statement.setString(at + 6, senderName);
        Columns.enumName(statement, at + 7, senderRole);
        Columns.enumName(statement, at + 8, type);
        statement.setString(at + 9, text);
        statement.setString(at + 10, content);
        statement.setString(at + 11, ATTACHMENTS.convertToDatabaseColumn(attachments));
        statement.setString(at + 12, clientMessageId);
        Columns.instant(statement, at + 13, sentAt);
    }

    long messageId() {
        return messageId;
    }

    @Override
    public Long getId() {
        return messageId;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }

    long sequence() {
        return sequence;
    }

    MessageView toView() {
        return new MessageView(messageId, conversationId, sequence, senderId, senderName, senderRole, type, text,
                content, attachments == null ? List.of() : attachments, clientMessageId, sentAt);
    }
}
