package io.switchboard.realtime.direct;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.MessageSent;
import tools.jackson.databind.json.JsonMapper;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's frames, exactly as docs/direct-chat.md shows them (seed 002 plus ids and sequences). */
final class DirectFrames {

    /** Seed 002's {@code date_added}: microseconds, UTC, {@code Z}. */
    private static final DateTimeFormatter DATE_ADDED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    DirectFrames(JsonMapper json) {
        this.json = json;
    }

    String chatMessage(MessageSent message, String room) {
        Map<String, Object> frame = frame("chat_message");
        frame.put("id", message.messageId());
        frame.put("conversation_id", message.conversationId());
        frame.put("sequence", message.sequence());
        frame.put("message", message.text());
        frame.put("multimedia_url", multimediaUrl(message.attachments()));
        frame.put("date_added", DATE_ADDED.format(message.sentAt()));
        frame.put("from_user", Map.of("username", message.senderId()));
        frame.put("room", room);
        if (message.clientMessageId() != null) {
            frame.put("client_message_id", message.clientMessageId());
        }
        return write(frame);
    }

    String userJoin(String user) {
        return write(with(frame("user_join"), "user", user));
    }

    String userLeave(String user) {
        return write(with(frame("user_leave"), "user", user));
    }

    String onlineUsers(Collection<String> users) {
        return write(with(frame("online_user_list"), "users", users.stream().sorted().toList()));
    }

    String typing(String user, boolean typing) {
        Map<String, Object> frame = frame("user_typing");
        frame.put("user", user);
        frame.put("is_typing", typing);
        return write(frame);
    }

    String conversationUnreadCount(long conversationId, long unread) {
        Map<String, Object> frame = frame("single_conversation_unread_count");
        frame.put("unread_count", unread);
        frame.put("conversation_id", conversationId);
        return write(frame);
    }

    String conversationNewMessage(MessageSent message, long unread) {
        Map<String, Object> frame = frame("single_conversation_new_message_notification");
        frame.put("conversation_id", message.conversationId());
        frame.put("sequence", message.sequence());
        frame.put("unread_count", unread);
        frame.put("from_user", Map.of("username", message.senderId()));
        return write(frame);
    }

    String unreadCount(long unread) {
        return write(with(frame("unread_count"), "unread_count", unread));
    }

    String newMessage(MessageSent message, long unread) {
        Map<String, Object> frame = frame("new_message_notification");
        frame.put("unread_count", unread);
        frame.put("conversation_id", message.conversationId());
        frame.put("sequence", message.sequence());
        frame.put("from_user", Map.of("username", message.senderId()));
        return write(frame);
    }

    String error(String code, String message) {
        Map<String, Object> frame = frame("error");
        frame.put("code", code);
        frame.put("message", message);
        return write(frame);
    }

    private static String multimediaUrl(List<Attachment> attachments) {
        return attachments == null || attachments.isEmpty() ? null : attachments.get(0).url();
    }

    private static Map<String, Object> frame(String type) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        return frame;
    }

    private static Map<String, Object> with(Map<String, Object> frame, String key, Object value) {
        frame.put(key, value);
        return frame;
    }

    private String write(Map<String, Object> frame) {
        return json.writeValueAsString(frame);
    }
}
