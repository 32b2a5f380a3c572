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
