package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.text.InputText;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_MIME_TYPE_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_NAME_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_SIZE;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_URL_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CLIENT_MESSAGE_ID_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CONTENT_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_IDENTIFIER_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_TEXT_LENGTH;

/**
 * The rules of a message that do not depend on the conversation: shape, limits, characters ({@link InputText}) and
 * who may send which type. One rule set for a {@link SendMessage} and a conversation's {@link FirstMessage}.
 */
final class MessageRules {

    private MessageRules() {
    }

    /** A message as it will be recorded: type defaulted, text never null, attachments never null. */
    record ValidMessage(MessageType type, String text, String content, List<Attachment> attachments,
                        String clientMessageId) {
    }

    static ValidMessage validate(SendMessage command) {
        return validate(command.sender(), command.type(), command.text(), command.content(), command.attachments(),
                command.clientMessageId());
    }

    static ValidMessage validate(AuthenticatedUser sender, FirstMessage message) {
        return validate(sender, message.type(), message.text(), message.content(), message.attachments(),
                message.clientMessageId());
    }

    private static ValidMessage validate(AuthenticatedUser sender, MessageType requestedType, String requestedText,
                                         String content, List<Attachment> requestedAttachments,
                                         String clientMessageId) {
        MessageType type = requestedType == null ? MessageType.TEXT : requestedType;
        requireTypeAllowed(type, sender.role());
        String text = requestedText == null ? "" : requestedText;
        List<Attachment> attachments = requestedAttachments == null ? List.of() : requestedAttachments;
        boolean hasContent = content != null && !content.isBlank();
        if (text.isBlank() && !hasContent && attachments.isEmpty()) {
            throw new CommandRejectedException(ErrorCode.MESSAGE_EMPTY, "a message needs text, content or an attachment");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CommandRejectedException(ErrorCode.MESSAGE_TOO_LONG,
                    "text is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        InputText.Problem characters = InputText.characterProblem(text);
        if (characters == null) {
            characters = InputText.characterProblem(content);
        }
        if (characters != null) {
            // the detail alone, worded for the client: adapters name the field
            throw new CommandRejectedException(ErrorCode.INVALID_CHARACTERS, characters.detail());
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
        requireValidClientMessageId(clientMessageId);
        return new ValidMessage(type, text, content, List.copyOf(attachments), clientMessageId);
    }

    /**
     * Whoever acts is recorded in events and snapshots (ids as map keys): a caller whose token claims would not pass
     * {@link InputText} is refused, whichever adapter (and verifier) let it through.
     */
    static void requireStorableCaller(AuthenticatedUser caller) {
        for (String claim : new String[]{caller.userId(), caller.name(), caller.email(), caller.tenant(),
                caller.room(), caller.booking()}) {
            if (!InputText.isValid(claim, MAX_IDENTIFIER_LENGTH)) {
                throw new CommandRejectedException(ErrorCode.INVALID_PARTICIPANTS, "the caller's ids and names are"
                        + " at most " + MAX_IDENTIFIER_LENGTH + " characters of valid text");
            }
        }
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
                : characters("url", attachment.url()) != null ? characters("url", attachment.url())
                : !isWebUrl(attachment.url()) ? "attachment url must be an absolute http or https URL"
                : tooLong(attachment.name(), MAX_ATTACHMENT_NAME_LENGTH)
                        ? "attachment name is longer than " + MAX_ATTACHMENT_NAME_LENGTH + " characters"
                : tooLong(attachment.mimeType(), MAX_ATTACHMENT_MIME_TYPE_LENGTH)
                        ? "attachment mime type is longer than " + MAX_ATTACHMENT_MIME_TYPE_LENGTH + " characters"
                : characters("name", attachment.name()) != null ? characters("name", attachment.name())
                : characters("mime type", attachment.mimeType()) != null
                        ? characters("mime type", attachment.mimeType())
                : attachment.size() < 0 || attachment.size() > MAX_ATTACHMENT_SIZE
                        ? "attachment size must be between 0 and " + MAX_ATTACHMENT_SIZE
                : null;
        if (problem != null) {
            throw new CommandRejectedException(ErrorCode.INVALID_ATTACHMENT, problem);
        }
    }

    private static String characters(String field, String value) {
        InputText.Problem problem = InputText.characterProblem(value);
        return problem == null ? null : "attachment " + field + ": " + problem.detail();
    }

    /** Frontends render attachment links: a {@code javascript:} or {@code data:} URL must never reach them. */
    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return uri.getHost() != null
                    && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean tooLong(String value, int limit) {
        return value != null && value.length() > limit;
    }

    private static void requireValidClientMessageId(String clientMessageId) {
        if (clientMessageId != null && (clientMessageId.isBlank()
                || !InputText.isValid(clientMessageId, MAX_CLIENT_MESSAGE_ID_LENGTH))) {
            throw new CommandRejectedException(ErrorCode.INVALID_CLIENT_MESSAGE_ID, "client message id must be 1 to "
                    + MAX_CLIENT_MESSAGE_ID_LENGTH + " non-blank characters of valid text (no null characters, "
                    + "unpaired surrogates or non-characters)");
        }
    }
}
