package io.switchboard.api.audit;

import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import io.switchboard.api.support.RobotMessageShared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stable names of the stored events, as auditors see them ({@code type} in the audit API, docs/events.md).
 * Like the event classes themselves (never renamed or moved once landed), a name here never changes once published.
 */
public final class EventTypes {

    private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, Class<?>> CLASSES = new LinkedHashMap<>();

    static {
        register(ConversationStarted.class, "ConversationStarted");
        register(MessageSent.class, "MessageSent");
        register(ParticipantJoined.class, "ParticipantJoined");
        register(ParticipantLeft.class, "ParticipantLeft");
        register(ConversationRead.class, "ConversationRead");
        register(ChatClaimed.class, "ChatClaimed");
        register(ChatTakenOver.class, "ChatTakenOver");
        register(StaffAddedToChat.class, "StaffAddedToChat");
        register(StaffRemovedFromChat.class, "StaffRemovedFromChat");
        register(ChatPriorityChanged.class, "ChatPriorityChanged");
        register(ChatClosed.class, "ChatClosed");
        register(VisitorWentOffline.class, "VisitorWentOffline");
        register(VisitorWentOnline.class, "VisitorWentOnline");
        register(RobotMessageShared.class, "RobotMessageShared");
    }

    private EventTypes() {
    }

    private static void register(Class<?> type, String name) {
        NAMES.put(type, name);
        CLASSES.put(name, type);
    }

    /** The stable name of an event class, or empty for a class that is not a published event. */
    public static Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(NAMES.get(type));
    }

    /** The event class published under {@code name}, or empty. */
    public static Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(CLASSES.get(name));
    }

    /** Every published event class with its stable name, in the order docs/events.md lists them. */
    public static Map<Class<?>, String> all() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }
}
