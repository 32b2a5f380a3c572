package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * Stores attachments as a JSON array. Its own mapper, not the application's: the stored format must not change when
 * someone tunes the web layer's JSON settings.
 */
@Converter
class AttachmentsJsonConverter implements AttributeConverter<List<Attachment>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(List<Attachment> attachments) {
        return attachments == null || attachments.isEmpty() ? null : JSON.writeValueAsString(attachments);
    }

    @Override
    public List<Attachment> convertToEntityAttribute(String json) {
        return json == null ? List.of() : List.copyOf(JSON.readValue(json, ATTACHMENTS));
    }
}
