package io.switchboard.command.hotel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.Attachment;

import java.util.ArrayList;
import java.util.List;

import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_MIME_TYPE_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_NAME_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_SIZE;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_URL_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CLIENT_MESSAGE_ID_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_TEXT_LENGTH;

/**
 * The body of every hotel send endpoint. Room chat clients send {@code message} (seed 001's field), staff chat
 * clients {@code text} (seed 000's payload field); both are accepted and {@code message} wins when both are present.
 * Unknown fields are ignored, as DRF serializers do.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SendMessageRequest(String message, String text, List<AttachmentRequest> attachments,
                          @JsonProperty("client_message_id") String clientMessageId) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AttachmentRequest(String url, String name, @JsonProperty("mime_type") String mimeType, Long size) {
    }

    /**
     * Validates the shape and every string ({@link FieldErrors#text}) up front, so a refusal names its field and
     * never costs a command round trip; the aggregate decides the rest (URL schemes) with the same rules anyway.
     */
    OutgoingMessage validated() {
        String body = message != null ? message : text;
        List<Attachment> files = files();
        if (files.isEmpty()) {
            if (body == null) {
                throw FieldErrors.invalid("message", FieldErrors.REQUIRED);
            }
            if (body.isBlank()) {
                throw FieldErrors.invalid("message", FieldErrors.BLANK);
            }
        }
        FieldErrors.text("message", body, MAX_TEXT_LENGTH);
        if (message != null) {
            FieldErrors.text("text", text, MAX_TEXT_LENGTH); // ignored, but no string from outside is let through
        }
        if (clientMessageId != null && clientMessageId.isBlank()) {
            throw FieldErrors.invalid("client_message_id", FieldErrors.BLANK);
        }
        FieldErrors.text("client_message_id", clientMessageId, MAX_CLIENT_MESSAGE_ID_LENGTH);
        return new OutgoingMessage(body == null ? "" : body, files, clientMessageId);
    }

    private List<Attachment> files() {
        if (attachments == null) {
            return List.of();
        }
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw FieldErrors.invalid("attachments", FieldErrors.maxElements(MAX_ATTACHMENTS));
        }
        List<Attachment> files = new ArrayList<>(attachments.size());
        for (int index = 0; index < attachments.size(); index++) {
            files.add(attachment(index, attachments.get(index)));
        }
        return List.copyOf(files);
    }

    private static Attachment attachment(int index, AttachmentRequest file) {
        String field = "attachments." + index;
        if (file == null) {
            throw FieldErrors.invalid(field, FieldErrors.NULL);
        }
        if (file.url() == null) {
            throw FieldErrors.invalid(field + ".url", FieldErrors.REQUIRED);
        }
        if (file.url().isBlank()) {
            throw FieldErrors.invalid(field + ".url", FieldErrors.BLANK);
        }
        FieldErrors.text(field + ".url", file.url(), MAX_ATTACHMENT_URL_LENGTH);
        FieldErrors.text(field + ".name", file.name(), MAX_ATTACHMENT_NAME_LENGTH);
        FieldErrors.text(field + ".mime_type", file.mimeType(), MAX_ATTACHMENT_MIME_TYPE_LENGTH);
        if (file.size() != null && file.size() < 0) {
            throw FieldErrors.invalid(field + ".size", "Ensure this value is greater than or equal to 0.");
        }
        if (file.size() != null && file.size() > MAX_ATTACHMENT_SIZE) {
            throw FieldErrors.invalid(field + ".size", "Ensure this value is less than or equal to "
                    + MAX_ATTACHMENT_SIZE + ".");
        }
        return new Attachment(file.url(), file.name(), file.mimeType(), file.size() == null ? 0 : file.size());
    }
}
