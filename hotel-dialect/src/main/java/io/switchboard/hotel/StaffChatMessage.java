package io.switchboard.hotel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.query.MessageView;

import java.time.Instant;
import java.util.List;

/**
 * A staff chat message: one record for the REST answers and pages and the {@code payload} of seed 000's Pusher event
 * {@code realtime_staff_chat_message_created}, so clients parse one shape and the two can never drift apart.
 *
 * @param timestamp as sent; the Pusher event carries it at whole seconds (seed 000's {@code 2025-12-08T14:30:00Z})
 * @param truncated Pusher events only: true when the event, to fit Pusher's 10 KB, carries a shortened text (then no
 *                  attachments); null, and so absent from the JSON, everywhere else
 */
public record StaffChatMessage(long id, @JsonProperty("conversation_id") long conversationId, String text,
                               @JsonProperty("sender_id") Object senderId,
                               @JsonProperty("sender_name") String senderName, Instant timestamp,
                               List<AttachmentRef> attachments,
                               @JsonProperty("is_system_message") boolean systemMessage,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Boolean truncated) {

    /** A message as a whole: no {@code truncated} flag. */
    public StaffChatMessage(long id, long conversationId, String text, Object senderId, String senderName,
                            Instant timestamp, List<AttachmentRef> attachments, boolean systemMessage) {
        this(id, conversationId, text, senderId, senderName, timestamp, attachments, systemMessage, null);
    }

    public static StaffChatMessage of(MessageView message) {
        return new StaffChatMessage(message.messageId(), message.conversationId(), message.text(),
                UserIds.toJson(message.senderId()), message.senderName(), message.sentAt(),
                AttachmentRef.of(message.attachments()), message.type() == MessageType.SYSTEM);
    }
}
