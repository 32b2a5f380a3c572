package io.switchboard.hotel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ReadMarkerView;
import io.switchboard.api.identity.Role;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * Seed 001's {@code RoomMessage}: the send answers (command side) and the message pages (query side) render it alike.
 * A message counts as read by its sender's side, and by the other side once one of its readers has a read marker at
 * or past the message. The read flags are omitted where no markers are at hand (a conversation list's
 * {@code last_message}).
 *
 * @param room    the room number
 * @param booking the booking, on guest messages only (as in seed 001)
 * @param staff   the sending staff member, on staff messages only
 */
public record RoomMessage(long id, long conversation, String room, String booking,
                          @JsonProperty("sender_type") String senderType, UserRef staff, String message,
                          Instant timestamp,
                          @JsonProperty("read_by_staff") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean readByStaff,
                          @JsonProperty("read_by_guest") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean readByGuest,
                          List<AttachmentRef> attachments) {

    private static final String GUEST = "guest";
    private static final String STAFF = "staff";
    private static final String SYSTEM = "system";

    /** A room conversation's identity on the wire: its room number and the booking it belongs to. */
    public record Thread(String room, String booking) {

        public static Thread of(ConversationSummary conversation) {
            return new Thread(conversation.subject(), conversation.subjectReference());
        }
    }

    public static RoomMessage of(MessageView message, Thread thread, List<ReadMarkerView> markers) {
        String senderType = senderType(message);
        return render(message, thread, senderType,
                senderType.equals(STAFF) || readBy(message, markers, marker -> marker.role() != null
                        && marker.role().isStaff()),
                senderType.equals(GUEST) || readBy(message, markers, marker -> marker.role() == Role.GUEST));
    }

    public static RoomMessage withoutReadState(MessageView message, Thread thread) {
        return render(message, thread, senderType(message), null, null);
    }

    private static RoomMessage render(MessageView message, Thread thread, String senderType, Boolean readByStaff,
                                      Boolean readByGuest) {
        return new RoomMessage(message.messageId(), message.conversationId(), thread.room(),
                senderType.equals(GUEST) ? thread.booking() : null, senderType,
                senderType.equals(STAFF) ? UserRef.of(message.senderId(), message.senderName()) : null,
                message.text(), message.sentAt(), readByStaff, readByGuest, AttachmentRef.of(message.attachments()));
    }

    private static String senderType(MessageView message) {
        Role role = message.senderRole();
        if (message.type() != MessageType.TEXT || role == null) {
            return SYSTEM;
        }
        return role == Role.GUEST ? GUEST : role.isStaff() ? STAFF : SYSTEM;
    }

    private static boolean readBy(MessageView message, List<ReadMarkerView> markers,
                                  Predicate<ReadMarkerView> reader) {
        return markers.stream().anyMatch(marker -> reader.test(marker) && marker.upToSequence() >= message.sequence());
    }
}
