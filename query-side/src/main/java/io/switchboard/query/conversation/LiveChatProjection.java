package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Maintains {@link LiveChatRow}s: one per {@code LIVE_CHAT} conversation, none for other kinds. In the conversation
 * read models' processing group, so a chat's row, its messages and its participants commit together and one
 * snapshot sees them agree. Messages are not handled here at all: the queue reads them from the message read model,
 * so the busiest event costs this projection nothing.
 * <p>
 * A closed chat ignores every later event, so its row stays as it was at the close: chats never reopen, and what
 * may still follow a close (the last staff member's {@code ParticipantLeft}, a late presence change) is no change of
 * the chat's record. Redelivery needs no guard beyond that: every change is an assignment the event determines or
 * moves only forward, so a redelivered tail of a chat's events ends in the same row.
 */
@Component
@ProcessingGroup(ConversationReadModels.PROCESSING_GROUP)
class LiveChatProjection {

    /** Who can serve a chat: the staff-like roles ({@link Role#isStaff()}). */
    private static final List<Role> STAFF_ROLES = Arrays.stream(Role.values()).filter(Role::isStaff).toList();

    private final ReadModelBatches batches;

    LiveChatProjection(ReadModelBatches batches) {
        this.batches = batches;
    }

    @EventHandler
    void on(ConversationStarted event) {
        if (event.kind() == ConversationKind.LIVE_CHAT) {
            ReadModelBatch batch = batches.current();
            if (batch.chat(event.conversationId()).isEmpty()) {
                batch.addChat(new LiveChatRow(event));
            }
        }
    }

    @EventHandler
    void on(ChatClaimed event) {
        whileOpen(event.conversationId(), chat -> chat.serve(event.staffId(), event.claimedAt()));
    }

    /** The replaced staff member's {@code ParticipantLeft} follows, and finds the supervisor already serving. */
    @EventHandler
    void on(ChatTakenOver event) {
        whileOpen(event.conversationId(), chat -> chat.serve(event.supervisorId(), event.takenOverAt()));
    }

    /** The staff list itself is the participant read model's; only the chat's activity time moves. */
    @EventHandler
    void on(StaffAddedToChat event) {
        recordActivity(event.conversationId(), event.addedAt());
    }

    @EventHandler
    void on(StaffRemovedFromChat event) {
        recordActivity(event.conversationId(), event.removedAt());
    }

    @EventHandler
    void on(ChatPriorityChanged event) {
        whileOpen(event.conversationId(), chat -> chat.changePriority(event.severityLevel(), event.changedAt()));
    }

    @EventHandler
    void on(VisitorWentOffline event) {
        whileOpen(event.conversationId(), chat -> chat.visitorPresence(false, event.at()));
    }

    @EventHandler
    void on(VisitorWentOnline event) {
        whileOpen(event.conversationId(), chat -> chat.visitorPresence(true, event.at()));
    }

    @EventHandler
    void on(ChatClosed event) {
        whileOpen(event.conversationId(), chat -> chat.close(event.closedAt()));
    }

    @EventHandler
    void on(ParticipantJoined event) {
        recordActivity(event.conversationId(), event.joinedAt());
    }

    /**
     * A serving staff member who leaves while other staff remain (the command side then emits nothing but this) is
     * succeeded by the remaining active staff member who joined first. The leaver is excluded by id rather than by
     * their row being inactive: the participant projection may handle this same event before or after this one.
     * When no staff remains the chat is closing, and keeps who served it last.
     */
    @EventHandler
    void on(ParticipantLeft event) {
        whileOpen(event.conversationId(), chat -> {
            if (event.userId().equals(chat.servingStaffId())) {
                chat.servingStaffLeft(batches.current().firstJoinedActive(event.conversationId(), STAFF_ROLES,
                        event.userId()).orElse(null), event.leftAt());
            } else {
                chat.recordActivity(event.leftAt());
            }
        });
    }

    @ResetHandler
    void reset() {
        batches.clear("query_live_chat");
    }

    private void recordActivity(long conversationId, Instant at) {
        whileOpen(conversationId, chat -> chat.recordActivity(at));
    }

    /** Participant events of other kinds of conversation find no row here and change nothing. */
    private void whileOpen(long conversationId, Consumer<LiveChatRow> change) {
        ReadModelBatch batch = batches.current();
        batch.chat(conversationId).filter(chat -> !chat.isClosed()).ifPresent(chat -> {
            change.accept(chat);
            batch.changed(chat);
        });
    }
}
