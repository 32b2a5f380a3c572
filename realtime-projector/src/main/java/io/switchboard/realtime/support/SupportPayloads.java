package io.switchboard.realtime.support;

import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.identity.Role;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Seed 003's shapes: {@code Message}, {@code Participant}, {@code Conversation}, with string ids and ISO times. */
final class SupportPayloads {

    private SupportPayloads() {
    }

    /** Seed 003's {@code UserRole}; null for roles that have no place in support conversations. */
    static String userRole(Role role) {
        return switch (role) {
            case CUSTOMER -> "cx-customer";
            case AGENT, STAFF -> "cx-agent";
            case SUPERVISOR, ADMIN -> "cx-supervisor";
            case ROBOT -> "robot";
            default -> null;
        };
    }

    static String type(MessageType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** {@code isVisible}: robot suggestions are for agents and supervisors until shared. */
    static Map<String, Object> message(long messageId, String clientId, String fromUserId, Role fromRole,
                                       String content, MessageType type, Instant timestamp, long sequence,
                                       Long sharedFrom) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", String.valueOf(messageId));
        message.put("conversationId", clientId);
        message.put("fromUserId", fromUserId);
        message.put("fromRole", userRole(fromRole));
        message.put("content", content);
        message.put("type", type(type));
        message.put("timestamp", timestamp.toString());
        message.put("isVisible", type != MessageType.ROBOT);
        message.put("sequence", sequence);
        if (sharedFrom != null) {
            message.put("sharedFromMessageId", String.valueOf(sharedFrom));
        }
        return message;
    }

    static Map<String, Object> participant(String userId, Role role, Instant joinedAt) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("userId", userId);
        participant.put("userRole", userRole(role));
        participant.put("joinedAt", joinedAt == null ? null : joinedAt.toString());
        return participant;
    }

    static Map<String, Object> conversation(SupportDirectory.State state) {
        List<SupportDirectory.Member> active = state.participants.values().stream()
                .filter(SupportDirectory.Member::active).toList();
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("id", state.clientId);
        conversation.put("participantIds", active.stream().map(SupportDirectory.Member::userId).toList());
        conversation.put("participantRoles", active.stream().map(member -> userRole(member.role())).toList());
        conversation.put("messageCount", state.messageCount);
        conversation.put("lastMessageAt", state.lastMessageAt == null ? null : state.lastMessageAt.toString());
        conversation.put("isActive", !active.isEmpty());
        conversation.put("createdAt", state.createdAt.toString());
        conversation.put("updatedAt", state.updatedAt.toString());
        return conversation;
    }
}
