package io.switchboard.api.conversation.query;

/** One message of a tenant by id, as {@code Optional<MessageView>}. */
public record FindMessage(String tenant, long messageId) {
}
