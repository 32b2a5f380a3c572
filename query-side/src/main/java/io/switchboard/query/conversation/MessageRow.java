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
