package io.switchboard.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.Attachment;

import java.util.List;

/** An attachment on the wire, in REST answers and Pusher events alike; {@code size} is 0 when unknown. */
public record AttachmentRef(String url, String name, @JsonProperty("mime_type") String mimeType, long size) {

    public static List<AttachmentRef> of(List<Attachment> attachments) {
        return attachments == null ? List.of() : attachments.stream()
                .map(file -> new AttachmentRef(file.url(), file.name(), file.mimeType(), file.size()))
                .toList();
    }
}
