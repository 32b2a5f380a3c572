package io.switchboard.api.conversation;

import java.util.List;

/**
 * The message a {@link StartConversation} starts with (a guest's first message starts the room's thread): the
 * aggregate validates it with the same rules as a {@link SendMessage} before the conversation exists, so a refused
 * first message leaves no conversation behind. Fields as in {@link SendMessage}.
 */
public record FirstMessage(MessageType type, String text, String content, List<Attachment> attachments,
                           String clientMessageId) {
}
