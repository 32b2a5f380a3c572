package io.switchboard.api.conversation.query;

/**
 * A page of a conversation's messages, newest first. Answered with {@link MessagePage}; an unknown conversation or
 * another tenant's gives an empty page with {@code found == false}.
 * At most one of the cursors is set: {@code beforeSequence}, {@code beforeMessageId}, {@code afterSequence}
 * (catch-up after a reconnect: the messages after it, still newest first) or {@code offset}.
 */
public record FindMessages(String tenant, long conversationId, int limit, Long beforeSequence, Long beforeMessageId,
                           Long afterSequence, Integer offset) {

    public static FindMessages latest(String tenant, long conversationId, int limit) {
        return new FindMessages(tenant, conversationId, limit, null, null, null, null);
    }
}
