package io.switchboard.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.query.MessageView;

import java.time.Instant;
import java.util.List;

/** A staff chat message, field for field the {@code payload} of seed 000's Pusher event, so clients parse one shape. */
public record StaffChatMessage(long id, @JsonProperty("conversation_id") long conversationId, String text,
                               @JsonProperty("sender_id") Object senderId,
                               @JsonProperty("sender_name") String senderName, Instant timestamp,
                               List<AttachmentRef> attachments,
                               @JsonProperty("is_system_message") boolean systemMessage) {

    public static StaffChatMessage of(MessageView message) {
        return new StaffChatMessage(message.messageId(), message.conversationId(), message.text(),
                UserIds.toJson(message.senderId()), message.senderName(), message.sentAt(),
                AttachmentRef.of(message.attachments()), message.type() == MessageType.SYSTEM);
    }
}
