package io.switchboard.command.conversation;

import java.util.Optional;

/**
 * Command-side, set-based uniqueness of conversations that have a natural key (see {@link ConversationKeys}):
 * one guest-room thread per room booking, one direct conversation per user pair. Never a read model: a claim is
 * written in the same transaction as the command's events, so a failed command leaves no claim.
 */
public interface ConversationKeyRegistry {

    /**
     * Claims {@code naturalKey} of {@code tenant} for {@code conversationId}.
     *
     * @return false when another conversation holds the key already
     */
    boolean claim(String tenant, String naturalKey, long conversationId);

    /** The conversation holding {@code naturalKey}, for adapters that address a conversation by what it is about. */
    Optional<Long> find(String tenant, String naturalKey);
}
