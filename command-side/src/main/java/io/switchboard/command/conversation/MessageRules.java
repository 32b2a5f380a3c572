package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.Role;

import java.util.List;
import java.util.Locale;

import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_NAME_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_URL_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CLIENT_MESSAGE_ID_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CONTENT_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_TEXT_LENGTH;

/** The rules of a message that do not depend on the conversation: shape, limits and who may send which type. */
final class MessageRules {

    private MessageRules() {
    }

    /** A message as it will be recorded: type defaulted, text never null, attachments never null. */
    record ValidMessage(MessageType type, String text, String content, List<Attachment> attachments) {
    }

    static ValidMessage validate(SendMessage command) {
        MessageType type = command.type() == null ? MessageType.TEXT : command.type();
        requireTypeAllowed(type, command.sender().role());
        String text = command.text() == null ? "" : command.text();
        String content = command.content();
        List<Attachment> attachments = command.attachments() == null ? List.of() : command.attachments();
        boolean hasContent = content != null && !content.isBlank();
        if (text.isBlank() && !hasContent && attachments.isEmpty()) {
            throw new CommandRejectedException(ErrorCode.MESSAGE_EMPTY, "a message needs text, content or an attachment");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CommandRejectedException(ErrorCode.MESSAGE_TOO_LONG,
                    "text is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        if (content != null && content.length() > MAX_CONTENT_LENGTH) {
            throw new CommandRejectedException(ErrorCode.CONTENT_TOO_LARGE,
                    "content is longer than " + MAX_CONTENT_LENGTH + " characters");
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw new CommandRejectedException(ErrorCode.TOO_MANY_ATTACHMENTS,
                    "a message has at most " + MAX_ATTACHMENTS + " attachments");
        }
        attachments.forEach(MessageRules::requireValid);
        requireValidClientMessageId(command.clientMessageId());
        return new ValidMessage(type, text, content, List.copyOf(attachments));
    }

    private static void requireTypeAllowed(MessageType type, Role role) {
        boolean allowed = switch (type) {
            case TEXT -> true;
            case ROBOT -> role == Role.ROBOT;
            case SYSTEM -> role == Role.ROBOT || role.isSupervisor();
        };
        if (!allowed) {
            throw new CommandRejectedException(ErrorCode.ROLE_NOT_ALLOWED,
                    "role " + role.wireName() + " may not send " + type.name().toLowerCase(Locale.ROOT) + " messages");
        }
    }

    private static void requireValid(Attachment attachment) {
        String problem = attachment == null ? "attachment is missing"
                : attachment.url() == null || attachment.url().isBlank() ? "attachment url is missing"
                : attachment.url().length() > MAX_ATTACHMENT_URL_LENGTH
                        ? "attachment url is longer than " + MAX_ATTACHMENT_URL_LENGTH + " characters"
                : attachment.name() != null && attachment.name().length() > MAX_ATTACHMENT_NAME_LENGTH
                        ? "attachment name is longer than " + MAX_ATTACHMENT_NAME_LENGTH + " characters"
                : attachment.size() < 0 ? "attachment size is negative"
                : null;
        if (problem != null) {
            throw new CommandRejectedException(ErrorCode.INVALID_ATTACHMENT, problem);
        }
    }

    private static void requireValidClientMessageId(String clientMessageId) {
        if (clientMessageId != null
                && (clientMessageId.isBlank() || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH)) {
            throw new CommandRejectedException(ErrorCode.INVALID_CLIENT_MESSAGE_ID,
                    "client message id must be 1 to " + MAX_CLIENT_MESSAGE_ID_LENGTH + " non-blank characters");
        }
    }
}
