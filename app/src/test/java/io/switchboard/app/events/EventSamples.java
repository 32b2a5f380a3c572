package io.switchboard.app.events;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import io.switchboard.api.support.RobotMessageShared;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fully populated sample of every stored event (no null field, no empty list), for the golden files. */
public final class EventSamples {

    static final long CONVERSATION = 4_200_000_017L;
    static final String TENANT = "hotel-eden";
    static final Instant AT = Instant.parse("2026-11-30T18:00:00.123456Z");

    private EventSamples() {
    }

    /** By event class, in {@code EventTypes} order. */
    public static Map<Class<?>, Object> all() {
        Map<Class<?>, Object> samples = new LinkedHashMap<>();
        add(samples, new ConversationStarted(CONVERSATION, TENANT, ConversationKind.GUEST_ROOM, "214", "booking-9931",
                List.of(new Participant("guest-214", "Grete Gast", Role.GUEST),
                        new Participant("staff-7", "Frank Front", Role.STAFF)), "guest-214", AT));
        add(samples, new MessageSent(CONVERSATION, TENANT, 9_007_199_254_740_000L, 12, "guest-214", "Grete Gast",
                Role.GUEST, MessageType.TEXT, "Grüße aus Zimmer 214 \u2615 \"quoted\"", "{\"card\":{\"id\":3}}",
                List.of(new Attachment("https://files.example.com/a/1.jpg", "1.jpg", "image/jpeg", 48_213)),
                "client-7f3a", AT));
        add(samples, new ParticipantJoined(CONVERSATION, TENANT, "staff-8", "Sue Staff", Role.STAFF, AT));
        add(samples, new ParticipantLeft(CONVERSATION, TENANT, "staff-8", Role.STAFF, AT));
        add(samples, new ConversationRead(CONVERSATION, TENANT, "staff-7", Role.STAFF, 12, AT));
        add(samples, new ChatClaimed(CONVERSATION, TENANT, "visitor-1", "agent-1", "Ann Agent", Role.AGENT, AT));
        add(samples, new ChatTakenOver(CONVERSATION, TENANT, "visitor-1", "super-1", "Sam Super", Role.SUPERVISOR,
                "agent-1", AT));
        add(samples, new StaffAddedToChat(CONVERSATION, TENANT, "visitor-1", "agent-2", "Ada Agent", Role.AGENT,
                "super-1", AT));
        add(samples, new StaffRemovedFromChat(CONVERSATION, TENANT, "visitor-1", "agent-2", "super-1", AT));
        add(samples, new ChatPriorityChanged(CONVERSATION, TENANT, "visitor-1", "agent-1", Role.AGENT, 3, AT));
        add(samples, new ChatClosed(CONVERSATION, TENANT, "visitor-1", "visitor-1", Role.VISITOR,
                ChatClosed.Reason.VISITOR_LEFT, AT));
        add(samples, new VisitorWentOffline(CONVERSATION, TENANT, "visitor-1", AT));
        add(samples, new VisitorWentOnline(CONVERSATION, TENANT, "visitor-1", AT));
        add(samples, new RobotMessageShared(CONVERSATION, TENANT, 9_007_199_254_740_001L, 9_007_199_254_740_002L,
                "agent-1", AT));
        return samples;
    }

    private static void add(Map<Class<?>, Object> samples, Object sample) {
        samples.put(sample.getClass(), sample);
    }
}
