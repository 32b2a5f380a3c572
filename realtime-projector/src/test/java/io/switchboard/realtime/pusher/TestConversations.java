package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.identity.Role;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Unique conversations for tests sharing one schema, and their events as they would be stored. */
final class TestConversations {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1_000);

    private TestConversations() {
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    static String uniqueTenant() {
        return "hotel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Participant staff(String id) {
        return new Participant(id, "Staff " + id, Role.STAFF);
    }

    static ConversationStarted started(long conversationId, String tenant, ConversationKind kind, String subject,
                                       String reference, Participant... participants) {
        return new ConversationStarted(conversationId, tenant, kind, subject, reference, List.of(participants),
                participants[0].userId(), Instant.now());
    }

    static MessageSent message(long conversationId, String tenant, String senderId, Role role, String text) {
        long messageId = nextId();
        return new MessageSent(conversationId, tenant, messageId, messageId, senderId, "Sender " + senderId, role,
                MessageType.TEXT, text, null, List.of(), null, Instant.now());
    }

    /** Publishes like the event store would hand it out, and returns the event identifier clients dedupe by. */
    static String publish(EventBus events, Object payload) {
        return publish(events, payload, Instant.now());
    }

    static String publish(EventBus events, Object payload, Instant storedAt) {
        String identifier = UUID.randomUUID().toString();
        events.publish(new GenericEventMessage<>(identifier, payload, Map.of(), storedAt));
        return identifier;
    }
}
