package io.switchboard.api.conversation;

import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Send a message. Answered with {@link MessageAccepted}.
 *
 * @param expectedKind    the kind the caller's URL/protocol addresses, or null for any; another kind is refused as
 *                        {@link ErrorCode#UNKNOWN_CONVERSATION} so one dialect cannot reach another's conversations
 * @param content         optional free-form JSON (already validated as JSON by the adapter), stored as is
 * @param clientMessageId optional; resending the same id returns the original message and adds nothing
 */
public record SendMessage(@TargetAggregateIdentifier long conversationId, ConversationKind expectedKind,
                          AuthenticatedUser sender, MessageType type,
                          String text, String content, List<Attachment> attachments, String clientMessageId) {
}
