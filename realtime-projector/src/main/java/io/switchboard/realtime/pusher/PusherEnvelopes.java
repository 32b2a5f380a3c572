package io.switchboard.realtime.pusher;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.identity.Role;
import io.switchboard.hotel.AttachmentRef;
import io.switchboard.hotel.StaffChatMessage;
import io.switchboard.hotel.UserIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The wire shapes of Switchboard's Pusher events, {@code {category, type, payload, meta}} as in seed 000, written
 * snake_case in declaration order. A staff chat message's payload is the hotel dialect's {@link StaffChatMessage},
 * the very record its REST answers use; attachments are its {@link AttachmentRef}s. Event data never exceeds Pusher's
 * 10 KB: an oversized message loses the tail of its text, then its attachments, and says {@code "truncated": true} so
 * clients fetch the full message over REST.
 */
@Component
class PusherEnvelopes {

    static final String STAFF_CHAT_MESSAGE_CREATED = "realtime_staff_chat_message_created";
    static final String GUEST_CHAT_MESSAGE_CREATED = "realtime_guest_chat_message_created";
    static final String GUEST_CHAT_CONVERSATION_READ = "realtime_guest_chat_conversation_read";
    /** Pusher's limit on one event's data. */
    static final int MAX_DATA_BYTES = 10 * 1024;
    /** The largest integer a JavaScript number holds exactly ({@link MessageLimits}' one definition). */
    static final long MAX_SAFE_INTEGER = MessageLimits.MAX_SAFE_INTEGER;

    private static final Logger log = LoggerFactory.getLogger(PusherEnvelopes.class);

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    record Envelope(String category, String type, Object payload, Meta meta) {
    }

    /** @param eventId the Axon event identifier: the same on every redelivery, so clients dedupe by it */
    record Meta(String hotelSlug, String eventId, String ts, Object scope) {
    }

    record StaffScope(long conversationId, Object senderId) {
    }

    record GuestScope(long conversationId, String room, Object senderId) {
    }

    record GuestReadScope(long conversationId, String room, Object readerId) {
    }

    record GuestChatMessage(long id, long conversationId, String room, String booking, String senderType,
                            Object senderId, String senderName, String text, String timestamp,
                            List<AttachmentRef> attachments, boolean isSystemMessage,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean truncated) {
    }

    record GuestConversationRead(long conversationId, String room, String readerType, Object readerId,
                                 long upToSequence, String readAt) {
    }

    /** The parts of a message that give way when the event is too large. */
    record Body(String text, List<AttachmentRef> attachments, Boolean truncated) {

        Body truncatedTo(String shorterText) {
            return new Body(shorterText, attachments, Boolean.TRUE);
        }

        Body withoutAttachments() {
            return new Body(text, List.of(), Boolean.TRUE);
        }
    }

    /** @return empty for a conversation kind that is not published, or an event that cannot be made small enough */
    Optional<PusherEvent> messageCreated(PusherAudience audience, MessageSent message, String eventId,
                                         Instant publishedAt) {
        Object senderId = UserIds.toJson(message.senderId());
        String timestamp = timestamp(message.sentAt());
        boolean system = message.type() == MessageType.SYSTEM;
        Function<Body, Envelope> render;
        String eventName;
        if (audience.kind() == ConversationKind.STAFF) {
            eventName = STAFF_CHAT_MESSAGE_CREATED;
            Meta meta = meta(audience, eventId, publishedAt, new StaffScope(message.conversationId(), senderId));
            Instant sentAt = wholeSeconds(message.sentAt());
            render = body -> new Envelope("staff_chat", "message_created", new StaffChatMessage(message.messageId(),
                    message.conversationId(), body.text(), senderId, message.senderName(), sentAt,
                    body.attachments(), system, body.truncated()), meta);
        } else if (audience.kind() == ConversationKind.GUEST_ROOM) {
            eventName = GUEST_CHAT_MESSAGE_CREATED;
            Meta meta = meta(audience, eventId, publishedAt,
                    new GuestScope(message.conversationId(), audience.subject(), senderId));
            render = body -> new Envelope("guest_chat", "message_created", new GuestChatMessage(message.messageId(),
                    message.conversationId(), audience.subject(), audience.subjectReference(), senderType(message),
                    senderId, message.senderName(), body.text(), timestamp, body.attachments(), system,
                    body.truncated()), meta);
        } else {
            return Optional.empty();
        }
        Body body = new Body(message.text() == null ? "" : message.text(), AttachmentRef.of(message.attachments()),
                null);
        return fit(body, render, eventName, message.conversationId())
                .map(data -> new PusherEvent(eventName, audience.messageChannels(message.senderId()), data));
    }

    /** Only guest rooms publish read markers: the front office's unread badges follow them. */
    Optional<PusherEvent> conversationRead(PusherAudience audience, ConversationRead read, String eventId,
                                           Instant publishedAt) {
        if (audience.kind() != ConversationKind.GUEST_ROOM) {
            return Optional.empty();
        }
        Object readerId = UserIds.toJson(read.readerId());
        Envelope envelope = new Envelope("guest_chat", "conversation_read",
                new GuestConversationRead(read.conversationId(), audience.subject(),
                        read.readerRole() == Role.GUEST ? "guest" : "staff", readerId,
                        // "everything" may arrive as Long.MAX_VALUE, which JavaScript cannot hold
                        Math.min(read.upToSequence(), MAX_SAFE_INTEGER), timestamp(read.readAt())),
                meta(audience, eventId, publishedAt, new GuestReadScope(read.conversationId(), audience.subject(),
                        readerId)));
        String data = json.writeValueAsString(envelope);
        if (!fits(data)) {
            log.error("Dropping {} of conversation {}: {} bytes exceed Pusher's limit", GUEST_CHAT_CONVERSATION_READ,
                    read.conversationId(), size(data));
            return Optional.empty();
        }
        return Optional.of(new PusherEvent(GUEST_CHAT_CONVERSATION_READ, audience.guestRoomChannels(), data));
    }

    /** ISO-8601 UTC at whole seconds, exactly seed 000's {@code 2025-12-08T14:30:00Z}. */
    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(wholeSeconds(instant));
    }

    /** An instant Jackson writes as {@link #timestamp(Instant)} does: ISO-8601, no fraction of a second. */
    private static Instant wholeSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Meta meta(PusherAudience audience, String eventId, Instant publishedAt, Object scope) {
        return new Meta(audience.tenant(), eventId, timestamp(publishedAt), scope);
    }

    private static String senderType(MessageSent message) {
        if (message.type() == MessageType.SYSTEM || message.senderRole() == Role.ROBOT) {
            return "system";
        }
        return message.senderRole() == Role.GUEST ? "guest" : "staff";
    }

    /**
     * Deterministic: the longest prefix of the text (in code points) that fits with all attachments; if even an
     * empty text does not fit, the same without attachments; if that still does not fit, nothing.
     */
    private Optional<String> fit(Body body, Function<Body, Envelope> render, String eventName, long conversationId) {
        String data = json.writeValueAsString(render.apply(body));
        if (fits(data)) {
            return Optional.of(data);
        }
        for (Body base : List.of(body.truncatedTo(body.text()), body.withoutAttachments())) {
            if (fits(json.writeValueAsString(render.apply(base.truncatedTo(""))))) {
                String text = longestFittingPrefix(base, render);
                log.info("{} of conversation {} exceeded Pusher's {} bytes: sent truncated ({} of {} characters{})",
                        eventName, conversationId, MAX_DATA_BYTES, text.length(), body.text().length(),
                        base.attachments().isEmpty() && !body.attachments().isEmpty() ? ", no attachments" : "");
                return Optional.of(json.writeValueAsString(render.apply(base.truncatedTo(text))));
            }
        }
        log.error("Dropping {} of conversation {}: over Pusher's {} bytes even without text and attachments",
                eventName, conversationId, MAX_DATA_BYTES);
        return Optional.empty();
    }

    private String longestFittingPrefix(Body base, Function<Body, Envelope> render) {
        String text = base.text();
        int fitting = 0;
        int tooMany = text.codePointCount(0, text.length()) + 1;
        while (tooMany - fitting > 1) {
            int middle = (fitting + tooMany) >>> 1;
            if (fits(json.writeValueAsString(render.apply(base.truncatedTo(prefix(text, middle)))))) {
                fitting = middle;
            } else {
                tooMany = middle;
            }
        }
        return prefix(text, fitting);
    }

    private static String prefix(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    private static boolean fits(String data) {
        return size(data) <= MAX_DATA_BYTES;
    }

    private static int size(String data) {
        return data.getBytes(StandardCharsets.UTF_8).length;
    }
}
