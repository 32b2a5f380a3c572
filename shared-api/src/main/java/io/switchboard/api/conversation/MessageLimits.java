package io.switchboard.api.conversation;

/**
 * Limits the command side enforces on every message, whatever the dialect; lengths count UTF-16 code units. Every
 * string must also pass {@link io.switchboard.api.text.InputText}. Documented in docs/architecture.md.
 */
public final class MessageLimits {

    /** Characters of message text. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** Characters of the free-form JSON {@code content}. */
    public static final int MAX_CONTENT_LENGTH = 20_000;
    public static final int MAX_ATTACHMENTS = 10;
    public static final int MAX_ATTACHMENT_URL_LENGTH = 2_048;
    public static final int MAX_ATTACHMENT_NAME_LENGTH = 255;
    public static final int MAX_ATTACHMENT_MIME_TYPE_LENGTH = 255;
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;
    public static final int MAX_PARTICIPANTS = 100;
    public static final int MAX_SUBJECT_LENGTH = 100;
    /** Characters of a user id, tenant, room, booking, name or attachment name/MIME type (token claims included). */
    public static final int MAX_IDENTIFIER_LENGTH = 255;
    /**
     * The largest integer a JavaScript number holds exactly, 2^53−1: the bound of every integer a client reads or
     * writes (ids, attachment sizes, sequences) and the one definition of it.
     */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** Attachment sizes are JSON numbers: they must stay exact in JavaScript. */
    public static final long MAX_ATTACHMENT_SIZE = MAX_SAFE_INTEGER;

    private MessageLimits() {
    }

    /**
     * The participant limit's one rule, for the aggregate and the adapters that check first alike: the starter counts,
     * each user once.
     *
     * @param others the distinct participants besides the starter
     */
    public static boolean tooManyParticipants(int others) {
        return others + 1 > MAX_PARTICIPANTS;
    }
}
