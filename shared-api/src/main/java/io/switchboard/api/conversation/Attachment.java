package io.switchboard.api.conversation;

/**
 * A reference to a file stored elsewhere; Switchboard never stores file bytes.
 *
 * @param size bytes, or 0 when unknown
 */
public record Attachment(String url, String name, String mimeType, long size) {
}
