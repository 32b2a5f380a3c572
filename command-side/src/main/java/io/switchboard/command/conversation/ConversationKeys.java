package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Natural keys of the conversations that must be unique within a tenant, for {@link ConversationKeyRegistry}.
 * Keys are stored: changing their format orphans every existing claim.
 */
public final class ConversationKeys {

    /** Longer keys are stored as a digest so they fit the indexed column ({@code VARCHAR(512)}). */
    static final int MAX_PLAIN_LENGTH = 200;

    private ConversationKeys() {
    }

    /** One thread per booking of a room: a new guest of the room never sees the previous guest's messages. */
    public static String guestRoom(String room, String booking) {
        return key(ConversationKind.GUEST_ROOM, room, booking);
    }

    /** One direct conversation per pair of users, whoever starts it. */
    public static String direct(String userId, String otherUserId) {
        return userId.compareTo(otherUserId) <= 0
                ? key(ConversationKind.DIRECT, userId, otherUserId)
                : key(ConversationKind.DIRECT, otherUserId, userId);
    }

    /**
     * One open live chat per visitor. Unlike the other keys this one ends: the chat's close releases it
     * ({@link ConversationKeyRegistry#release}), so the visitor's next first message starts a new chat.
     */
    public static String liveChat(String visitorId) {
        return key(ConversationKind.LIVE_CHAT, visitorId);
    }

    /**
     * One support conversation per client-chosen id (seed 003): the id names the conversation for good, so the key
     * is never released. The id is taken exactly as given (case and spaces count).
     */
    public static String support(String clientId) {
        return key(ConversationKind.SUPPORT, clientId);
    }

    private static String key(ConversationKind kind, String only) {
        Objects.requireNonNull(only, "key part");
        // Same shape as the two-part keys (a length prefix, so a plain key never looks like a digest one).
        String key = kind.name() + ':' + only.length() + ':' + only;
        return key.length() <= MAX_PLAIN_LENGTH ? key : kind.name() + ":sha256:" + sha256(key);
    }

    private static String key(ConversationKind kind, String first, String second) {
        Objects.requireNonNull(first, "key part");
        Objects.requireNonNull(second, "key part");
        // The length prefix keeps ("1:2", "3") and ("1", "2:3") apart whatever characters the parts contain.
        String key = kind.name() + ':' + first.length() + ':' + first + ':' + second;
        return key.length() <= MAX_PLAIN_LENGTH ? key : kind.name() + ":sha256:" + sha256(key);
    }

    private static String sha256(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
