package io.switchboard.api.conversation;

/** Why the command side refused a command. Adapters map each code to their dialect's error shape. */
public enum ErrorCode {
    /** No text, no content and no attachments. */
    MESSAGE_EMPTY,
    /** Text over {@link MessageLimits#MAX_TEXT_LENGTH}. */
    MESSAGE_TOO_LONG,
    /** Content over {@link MessageLimits#MAX_CONTENT_LENGTH}. */
    CONTENT_TOO_LARGE,
    /** Text or content holds U+0000, which PostgreSQL cannot store. */
    INVALID_CHARACTERS,
    TOO_MANY_ATTACHMENTS,
    INVALID_ATTACHMENT,
    INVALID_CLIENT_MESSAGE_ID,
    /** The caller is not (and may not become) a participant. */
    NOT_PARTICIPANT,
    /** The caller belongs to another tenant; adapters answer "not found". */
    TENANT_MISMATCH,
    /** The caller's role may not do this. */
    ROLE_NOT_ALLOWED,
    CONVERSATION_CLOSED,
    /** A conversation with the same natural key (room + booking, user pair, ...) already exists. */
    CONVERSATION_EXISTS,
    INVALID_PARTICIPANTS,
    INVALID_SUBJECT,
    INVALID_READ_MARKER,
    UNKNOWN_CONVERSATION,
    /** Live chat: another staff member claimed the chat first (or it was never queued). */
    CHAT_ALREADY_CLAIMED,
    /** Live chat: a take-over, add or remove needs a claimed chat. */
    CHAT_NOT_CLAIMED,
    /** Live chat: more staff than {@code AddStaffToChat.MAX_STAFF_PER_CHAT}. */
    TOO_MANY_STAFF,
    /** Live chat: a severity level outside 0..{@code ChangeChatPriority.MAX_SEVERITY_LEVEL}. */
    INVALID_SEVERITY,
    /** Support: the message to share is not a robot message of this conversation. */
    NOT_A_ROBOT_MESSAGE,
    /** Support: that robot message was shared already. */
    ALREADY_SHARED
}
