package io.switchboard.command.conversation;

import java.util.Optional;

/**
 * Command-side, set-based uniqueness of conversations that have a natural key (see {@link ConversationKeys}):
 * one guest-room thread per room booking, one direct conversation per user pair, one open live chat per visitor, one
 * support conversation per client-chosen id.
 * Never a read model: a claim (and a release) is written in the same transaction as the command's events, so a
 * failed command leaves no claim (and releases nothing).
 */
public interface ConversationKeyRegistry {

    /**
     * Claims {@code naturalKey} of {@code tenant} for {@code conversationId}.
     *
     * @return false when another conversation holds the key already
     */
    boolean claim(String tenant, String naturalKey, long conversationId);

    /**
     * Gives up {@code naturalKey} of {@code tenant} when {@code conversationId} holds it, for keys that end with
     * their conversation (a live chat's, on close). A key held by another conversation stays: a late or repeated
     * release never frees a newer conversation's key.
     *
     * @return true when the key was held by {@code conversationId} and is now free
     */
    boolean release(String tenant, String naturalKey, long conversationId);

    /** The conversation holding {@code naturalKey}, for adapters that address a conversation by what it is about. */
    Optional<Long> find(String tenant, String naturalKey);
}
