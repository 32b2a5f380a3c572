package io.switchboard.api.conversation;

import io.switchboard.api.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * @param messageId JS-safe numeric id, unique across nodes, increasing over time
 * @param sequence  gap-free per conversation, starting at 1
 * @param content   free-form JSON text or null
 */
@Revision("1")
public record MessageSent(long conversationId, String tenant, long messageId, long sequence, String senderId,
                          String senderName, Role senderRole, MessageType type, String text, String content,
                          List<Attachment> attachments, String clientMessageId, Instant sentAt) {
}
