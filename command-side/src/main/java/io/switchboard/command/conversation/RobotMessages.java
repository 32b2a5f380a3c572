package io.switchboard.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.support.RobotMessageShared;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;

/**
 * The robot messages of a {@code SUPPORT} conversation that can still be shared, and those that were, as an
 * {@code @AggregateMember} of {@link Conversation}; null for every other kind. Sharing copies a robot message into a
 * new visible message, so unlike the rest of the conversation's state this keeps message bodies: text, content and
 * attachments of the unshared robot messages, and nothing once a message is shared.
 * <p>
 * Bounded, because it is in every snapshot and in the node's aggregate cache: the latest {@link #MAX_SHAREABLE}
 * unshared robot messages and at most {@link #MAX_SHAREABLE_CHARACTERS} characters of them (the latest one always
 * stays, whatever its size). An older one is forgotten and can no longer be shared: {@code NOT_A_ROBOT_MESSAGE}, as
 * for an id that never was one. An agent shares a suggestion while the customer is waiting, not hundreds of robot
 * messages later. Of the shared ones only the ids are kept, the latest {@link #REMEMBERED_SHARES}, to answer a second
 * share with {@code ALREADY_SHARED}; one shared before those is {@code NOT_A_ROBOT_MESSAGE} too.
 * <p>
 * Event sourcing handlers only: the share is decided by the conversation, which knows the participants, the status
 * and the next sequence, and asks {@link #toShare} for the robot-message part. Snapshots serialize the fields with
 * Jackson, like the conversation's own.
 */
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
final class RobotMessages {

    static final int MAX_SHAREABLE = 200;
    /** Text, content and attachment strings together: room for several of the largest messages allowed. */
    static final int MAX_SHAREABLE_CHARACTERS = 200_000;
    static final int REMEMBERED_SHARES = 1_000;

    /** Unshared robot messages by message id, oldest first. Concrete types: snapshots keep the order. */
    private LinkedHashMap<Long, RobotMessage> shareable = new LinkedHashMap<>();
    /** Ids of shared robot messages, oldest share first. */
    private LinkedHashSet<Long> shared = new LinkedHashSet<>();

    /** What a share copies. A mutable list: Jackson with default typing cannot read Java's immutable ones back. */
    record RobotMessage(String text, String content, ArrayList<Attachment> attachments) {

        int characters() {
            int characters = text.length() + (content == null ? 0 : content.length());
            for (Attachment attachment : attachments) {
                characters += length(attachment.url()) + length(attachment.name()) + length(attachment.mimeType());
            }
            return characters;
        }

        private static int length(String value) {
            return value == null ? 0 : value.length();
        }
    }

    RobotMessages() {
        // for Jackson reading a snapshot
    }

    /** Empty for a started support conversation, none for other kinds. */
    static RobotMessages startedBy(ConversationStarted event) {
        return event.kind() == ConversationKind.SUPPORT ? new RobotMessages() : null;
    }

    /** The robot message {@code messageId} to share, refused when it is no longer (or never was) shareable. */
    RobotMessage toShare(long messageId) {
        if (shared.contains(messageId)) {
            throw new CommandRejectedException(ErrorCode.ALREADY_SHARED,
                    "robot message " + messageId + " was shared already");
        }
        RobotMessage message = shareable.get(messageId);
        if (message == null) {
            throw new CommandRejectedException(ErrorCode.NOT_A_ROBOT_MESSAGE,
                    "message " + messageId + " is not a robot message of this conversation that can be shared");
        }
        return message;
    }

    @EventSourcingHandler
    void on(MessageSent event) {
        if (event.type() != MessageType.ROBOT) {
            return;
        }
        List<Attachment> attachments = event.attachments() == null ? List.of() : event.attachments();
        shareable.put(event.messageId(), new RobotMessage(event.text() == null ? "" : event.text(), event.content(),
                new ArrayList<>(attachments)));
        int characters = shareable.values().stream().mapToInt(RobotMessage::characters).sum();
        Iterator<RobotMessage> oldestFirst = shareable.values().iterator();
        while (shareable.size() > 1 && (shareable.size() > MAX_SHAREABLE || characters > MAX_SHAREABLE_CHARACTERS)) {
            characters -= oldestFirst.next().characters();
            oldestFirst.remove();
        }
    }

    @EventSourcingHandler
    void on(RobotMessageShared event) {
        shareable.remove(event.robotMessageId());
        shared.add(event.robotMessageId());
        if (shared.size() > REMEMBERED_SHARES) {
            Iterator<Long> oldest = shared.iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
