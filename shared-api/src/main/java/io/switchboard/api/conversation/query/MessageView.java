package io.switchboard.api.conversation.query;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.identity.Role;

import java.time.Instant;
import java.util.List;

public record MessageView(long messageId, long conversationId, long sequence, String senderId, String senderName,
                          Role senderRole, MessageType type, String text, String content,
                          List<Attachment> attachments, String clientMessageId, Instant sentAt) {
}
