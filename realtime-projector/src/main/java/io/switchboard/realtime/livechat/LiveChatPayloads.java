package io.switchboard.realtime.livechat;

import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's objects, as plain maps for netty-socketio to serialize: staff ({@code full_name, id, organisation_id,
 * email, display_name, role_id}, ...), visitors ({@code id, visitor_id, name, email, is_anonymous, created_at, ...}),
 * message contents (the client's JSON plus {@code timestamp} in ms) and stored messages.
 */
final class LiveChatPayloads {

    private final JsonMapper json;

    LiveChatPayloads(JsonMapper json) {
        this.json = json;
    }

    /** Seed 004: admin 1, supervisor 2, agent (any other staff role) 3. */
    static int roleId(Role role) {
        return switch (role) {
            case ADMIN -> 1;
            case SUPERVISOR -> 2;
            default -> 3;
        };
    }

    Map<String, Object> staff(AuthenticatedUser user) {
        Map<String, Object> staff = new LinkedHashMap<>();
        staff.put("full_name", user.name());
        staff.put("id", user.userId());
        staff.put("organisation_id", user.tenant());
        staff.put("email", user.email());
        staff.put("display_name", null);
        staff.put("role_id", roleId(user.role()));
        staff.put("created_at", null);
        staff.put("updated_at", null);
        staff.put("disabled", false);
        return staff;
    }

    /** A staff member known by id (and name/role from an event); its online profile when this node has seen one. */
    Map<String, Object> staff(String tenant, String userId, String name, Role role, String profile) {
        Map<String, Object> known = parse(profile);
        if (known != null) {
            return known;
        }
        Map<String, Object> staff = new LinkedHashMap<>();
        staff.put("full_name", name == null ? userId : name);
        staff.put("id", userId);
        staff.put("organisation_id", tenant);
        staff.put("email", null);
        staff.put("display_name", null);
        staff.put("role_id", role == null ? 3 : roleId(role));
        staff.put("created_at", null);
        staff.put("updated_at", null);
        staff.put("disabled", false);
        return staff;
    }

    Map<String, Object> visitor(AuthenticatedUser user, int severityLevel, Instant createdAt) {
        return visitor(user.userId(), user.name(), user.email(), severityLevel, createdAt);
    }

    Map<String, Object> visitor(LiveChatDirectory.Chat chat) {
        return visitor(chat.visitorId, chat.visitorName, chat.visitorEmail, chat.severityLevel, chat.startedAt);
    }

    Map<String, Object> visitor(String id, String name, String email, int severityLevel, Instant createdAt) {
        Map<String, Object> visitor = new LinkedHashMap<>();
        visitor.put("id", id);
        visitor.put("visitor_id", id);
        visitor.put("name", name);
        visitor.put("email", email);
        visitor.put("is_anonymous", email == null);
        visitor.put("created_at", createdAt == null ? null : createdAt.toEpochMilli());
        visitor.put("updated_at", null);
        visitor.put("disabled", false);
        visitor.put("tags", List.of());
        visitor.put("severity_level", severityLevel);
        return visitor;
    }

    /** The client's content object as stored, with {@code timestamp} (ms) added when it has none. */
    Map<String, Object> content(String stored, Instant sentAt) {
        Map<String, Object> content = parse(stored);
        Map<String, Object> result = content == null ? new LinkedHashMap<>() : new LinkedHashMap<>(content);
        result.putIfAbsent("timestamp", sentAt.toEpochMilli());
        return result;
    }

    Map<String, Object> content(MessageSent message) {
        return content(message.content(), message.sentAt());
    }

    /** A stored message ({@code agent_new_chat}'s contents, {@code visitor_init}, {@code staff_msg}'s answer). */
    Map<String, Object> message(long messageId, long conversationId, long sequence, String content, Instant sentAt,
                                Map<String, Object> sender) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sender", sender);
        message.put("updated_at", null);
        message.put("id", String.valueOf(messageId));
        message.put("content", content(content, sentAt));
        message.put("chat_id", String.valueOf(conversationId));
        message.put("created_at", sentAt.getEpochSecond());
        message.put("type_id", 1);
        message.put("sequence_num", sequence);
        return message;
    }

    Map<String, Object> message(MessageView view, Map<String, Object> sender) {
        return message(view.messageId(), view.conversationId(), view.sequence(), view.content(), view.sentAt(),
                sender);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    /** The client's content as JSON text, or null when it is not a JSON object. */
    String contentText(Object data) {
        return data instanceof Map<?, ?> ? json.writeValueAsString(data) : null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Object value = json.readValue(text, Object.class);
            return value instanceof Map<?, ?> map ? new HashMap<>((Map<String, Object>) map) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
