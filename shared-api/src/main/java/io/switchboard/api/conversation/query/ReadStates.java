package io.switchboard.api.conversation.query;

import java.util.List;
import java.util.Optional;

/** @param conversations by conversation id, ascending */
public record ReadStates(List<ReadState> conversations) {

    /**
     * @param lastSequence the last message sequence the read model holds for the conversation
     * @param readUpTo     the reader's read marker (0 before the first read)
     * @param unread       messages by others after the read marker
     */
    public record ReadState(long conversationId, long lastSequence, long readUpTo, long unread) {
    }

    public long totalUnread() {
        return conversations.stream().mapToLong(ReadState::unread).sum();
    }

    public Optional<ReadState> of(long conversationId) {
        return conversations.stream().filter(state -> state.conversationId() == conversationId).findFirst();
    }
}
