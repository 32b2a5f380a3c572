package io.switchboard.command.conversation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.AddStaffToChat;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ChatClaimed;
import io.switchboard.api.livechat.ChatClosed;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ChatTakenOver;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.LiveChatStatus;
import io.switchboard.api.livechat.MarkVisitorOffline;
import io.switchboard.api.livechat.MarkVisitorOnline;
import io.switchboard.api.livechat.RemoveStaffFromChat;
import io.switchboard.api.livechat.StaffAddedToChat;
import io.switchboard.api.livechat.StaffRemovedFromChat;
import io.switchboard.api.livechat.TakeOverChat;
import io.switchboard.api.livechat.VisitorWentOffline;
import io.switchboard.api.livechat.VisitorWentOnline;
import io.switchboard.api.text.InputText;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static io.switchboard.api.conversation.MessageLimits.MAX_IDENTIFIER_LENGTH;
import static io.switchboard.api.livechat.AddStaffToChat.MAX_STAFF_PER_CHAT;
import static io.switchboard.api.livechat.ChangeChatPriority.MAX_SEVERITY_LEVEL;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The routing of a {@code LIVE_CHAT} conversation through the staff queue (seed 004), as an {@code @AggregateMember}
 * of {@link Conversation}: queue status, the serving staff member, the staff added to the chat, severity and whether
 * the visitor is online. Conversations of other kinds have none (the field is null), and
 * {@link Conversation#requireLiveChat} answers their live-chat commands as an unknown conversation.
 * <p>
 * Who is in the chat: the visitor, the serving staff member (once claimed) and the added staff. Staff get there only
 * through this class ({@code ClaimChat}, {@code TakeOverChat}, {@code AddStaffToChat}), so each change is paired with
 * the shared {@link ParticipantJoined}/{@link ParticipantLeft} that keep the conversation's participants (who may send
 * and read) in step:
 * <ul>
 *     <li>{@code ChatClaimed} → {@code ParticipantJoined}(claimer)</li>
 *     <li>{@code ChatTakenOver} → {@code ParticipantLeft}(replaced staff) → {@code ParticipantJoined}(supervisor),
 *     the join left out when the supervisor was in the chat already as added staff</li>
 *     <li>{@code StaffAddedToChat} → {@code ParticipantJoined}; {@code StaffRemovedFromChat} →
 *     {@code ParticipantLeft}</li>
 *     <li>a leave: the leaver's {@code ParticipantLeft} always, then {@code ChatClosed} when it ends the chat (the
 *     visitor left, or the last staff member did)</li>
 * </ul>
 * When the serving staff member leaves and other staff remain there is no event naming the new serving one: the
 * earliest-added remaining staff member becomes serving, derived from that {@code ParticipantLeft} (projections apply
 * the same rule).
 * <p>
 * Command handlers decide and apply; event sourcing handlers only assign. Snapshots serialize the fields with
 * Jackson, like the conversation's own.
 */
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE, setterVisibility = NONE)
final class LiveChatRouting {

    private long conversationId;
    private String tenant;
    private String visitorId;
    private LiveChatStatus status;
    /** Null while queued; after a close, whoever served last. */
    private Staff serving;
    /** Staff in the chat besides the serving one, in the order they were added (the first is next to serve). */
    private List<Staff> added = new ArrayList<>();
    private int severityLevel;
    private boolean visitorOnline;

    record Staff(String userId, Role role) {
    }

    LiveChatRouting() {
        // for Jackson reading a snapshot
    }

    /** The routing a started conversation needs: a queued chat with its visitor online, or none for other kinds. */
    static LiveChatRouting startedBy(ConversationStarted event) {
        if (event.kind() != ConversationKind.LIVE_CHAT) {
            return null;
        }
        LiveChatRouting routing = new LiveChatRouting();
        routing.conversationId = event.conversationId();
        routing.tenant = event.tenant();
        routing.visitorId = event.startedBy();
        routing.status = LiveChatStatus.QUEUED;
        // the visitor started the chat by sending its first message: connected
        routing.visitorOnline = true;
        return routing;
    }

    @CommandHandler
    void handle(ClaimChat command, Clock clock) {
        AuthenticatedUser staff = requireCaller(command.staff());
        require(staff.role().isStaff(), ErrorCode.ROLE_NOT_ALLOWED,
                "role " + staff.role().wireName() + " may not claim a chat");
        requireOpen();
        // The rule that makes of two racing claims exactly one win: the loser's retry (optimistic locking on the
        // aggregate's sequence) sees the winner's ChatClaimed. Claiming again, even by the claimer, is the same refusal.
        require(status == LiveChatStatus.QUEUED, ErrorCode.CHAT_ALREADY_CLAIMED,
                "chat " + conversationId + " is already claimed");
        Instant now = clock.instant();
        apply(new ChatClaimed(conversationId, tenant, visitorId, staff.userId(), staff.name(), staff.role(), now));
        apply(new ParticipantJoined(conversationId, tenant, staff.userId(), staff.name(), staff.role(), now));
    }

    @CommandHandler
    void handle(TakeOverChat command, Clock clock) {
        AuthenticatedUser supervisor = requireSupervisor(command.supervisor(), "take over a chat");
        requireClaimed();
        require(!serving.userId().equals(supervisor.userId()), ErrorCode.INVALID_PARTICIPANTS,
                "you are serving this chat already");
        Instant now = clock.instant();
        Staff replaced = serving;
        boolean inChatAlready = addedStaff(supervisor.userId()) != null;
        apply(new ChatTakenOver(conversationId, tenant, visitorId, supervisor.userId(), supervisor.name(),
                supervisor.role(), replaced.userId(), now));
        // the replaced staff member leaves the chat altogether (they are not kept as added staff)
        apply(new ParticipantLeft(conversationId, tenant, replaced.userId(), replaced.role(), now));
        if (!inChatAlready) {
            apply(new ParticipantJoined(conversationId, tenant, supervisor.userId(), supervisor.name(),
                    supervisor.role(), now));
        }
    }

    @CommandHandler
    void handle(AddStaffToChat command, Clock clock) {
        AuthenticatedUser supervisor = requireSupervisor(command.supervisor(), "add staff to a chat");
        Participant staff = command.staff();
        require(staff != null && staff.userId() != null && !staff.userId().isBlank() && isIdentifier(staff.userId())
                        && (staff.name() == null || isIdentifier(staff.name())), ErrorCode.INVALID_PARTICIPANTS,
                "the added staff member needs a user id (and may have a name) of at most " + MAX_IDENTIFIER_LENGTH
                        + " characters of valid text");
        require(staff.role() != null && staff.role().isStaff(), ErrorCode.INVALID_PARTICIPANTS,
                "only staff are added to a chat");
        requireClaimed();
        if (isStaffInChat(staff.userId())) {
            return;
        }
        require(1 + added.size() < MAX_STAFF_PER_CHAT, ErrorCode.TOO_MANY_STAFF,
                "a chat has at most " + MAX_STAFF_PER_CHAT + " staff");
        Instant now = clock.instant();
        apply(new StaffAddedToChat(conversationId, tenant, visitorId, staff.userId(), staff.name(), staff.role(),
                supervisor.userId(), now));
        apply(new ParticipantJoined(conversationId, tenant, staff.userId(), staff.name(), staff.role(), now));
    }

    @CommandHandler
    void handle(RemoveStaffFromChat command, Clock clock) {
        AuthenticatedUser supervisor = requireSupervisor(command.supervisor(), "remove staff from a chat");
        requireClaimed();
        require(!serving.userId().equals(command.staffId()), ErrorCode.INVALID_PARTICIPANTS,
                "the serving staff member is replaced by taking the chat over, not removed");
        Staff staff = addedStaff(command.staffId());
        require(staff != null, ErrorCode.NOT_PARTICIPANT, "no such staff member in this chat");
        Instant now = clock.instant();
        apply(new StaffRemovedFromChat(conversationId, tenant, visitorId, staff.userId(), supervisor.userId(), now));
        apply(new ParticipantLeft(conversationId, tenant, staff.userId(), staff.role(), now));
    }

    @CommandHandler
    void handle(ChangeChatPriority command, Clock clock) {
        AuthenticatedUser staff = requireCaller(command.staff());
        require(staff.role().isStaff(), ErrorCode.ROLE_NOT_ALLOWED,
                "role " + staff.role().wireName() + " may not change a chat's priority");
        int level = command.severityLevel();
        require(level >= 0 && level <= MAX_SEVERITY_LEVEL, ErrorCode.INVALID_SEVERITY,
                "severity level must be between 0 and " + MAX_SEVERITY_LEVEL);
        requireOpen();
        if (level != severityLevel) {
            apply(new ChatPriorityChanged(conversationId, tenant, visitorId, staff.userId(), staff.role(), level,
                    clock.instant()));
        }
    }

    /** {@code disconnected} is the adapter's to record (command metadata): the rules are the same. */
    @CommandHandler
    void handle(LeaveChat command, ConversationKeyRegistry keys, Clock clock) {
        leave(requireCaller(command.user()), keys, clock.instant());
    }

    /**
     * A participant leaves, by {@link LeaveChat} or the shared {@code LeaveConversation} (which must not let a
     * serving staff member vanish without the chat closing or passing to another). The handlers calling this have
     * checked the caller's tenant.
     */
    void leave(AuthenticatedUser user, ConversationKeyRegistry keys, Instant now) {
        requireOpen();
        if (isVisitor(user)) {
            apply(new ParticipantLeft(conversationId, tenant, user.userId(), user.role(), now));
            close(user, ChatClosed.Reason.VISITOR_LEFT, keys, now);
            return;
        }
        Staff leaver = user.role().isStaff() ? staffInChat(user.userId()) : null;
        require(leaver != null, ErrorCode.NOT_PARTICIPANT, "not a participant of this chat");
        // staff in the chat: the serving one plus the added ones, the leaver among them
        boolean othersRemain = 1 + added.size() > 1;
        apply(new ParticipantLeft(conversationId, tenant, leaver.userId(), leaver.role(), now));
        if (!othersRemain) {
            close(user, ChatClosed.Reason.STAFF_LEFT, keys, now);
        }
    }

    private void close(AuthenticatedUser closer, ChatClosed.Reason reason, ConversationKeyRegistry keys,
                       Instant now) {
        apply(new ChatClosed(conversationId, tenant, visitorId, closer.userId(), closer.role(), reason, now));
        // In the command's transaction, like the claim at the start: the visitor's next first message starts anew.
        keys.release(tenant, ConversationKeys.liveChat(visitorId), conversationId);
    }

    @CommandHandler
    void handle(MarkVisitorOffline command, Clock clock) {
        requireTheVisitor(command.visitor());
        // A disconnect racing the close is no error: there is nothing left to mark.
        if (status != LiveChatStatus.CLOSED && visitorOnline) {
            apply(new VisitorWentOffline(conversationId, tenant, visitorId, clock.instant()));
        }
    }

    @CommandHandler
    void handle(MarkVisitorOnline command, Clock clock) {
        requireTheVisitor(command.visitor());
        if (status != LiveChatStatus.CLOSED && !visitorOnline) {
            apply(new VisitorWentOnline(conversationId, tenant, visitorId, clock.instant()));
        }
    }

    /** Who may send to (and mark read) the chat: its visitor, and the staff in it. Closed is the conversation's rule. */
    boolean maySend(AuthenticatedUser user) {
        return isVisitor(user) || (user.role().isStaff() && isStaffInChat(user.userId()));
    }

    /** Before a message of {@code sender} is recorded: an offline visitor who sends is evidently back online. */
    void beforeMessageFrom(AuthenticatedUser sender, Instant now) {
        if (isVisitor(sender) && !visitorOnline) {
            apply(new VisitorWentOnline(conversationId, tenant, visitorId, now));
        }
    }

    private AuthenticatedUser requireCaller(AuthenticatedUser caller) {
        Objects.requireNonNull(caller, "caller");
        MessageRules.requireStorableCaller(caller);
        if (!caller.tenant().equals(tenant)) {
            throw new CommandRejectedException(ErrorCode.TENANT_MISMATCH,
                    "conversation " + conversationId + " belongs to another tenant");
        }
        return caller;
    }

    private AuthenticatedUser requireSupervisor(AuthenticatedUser caller, String action) {
        AuthenticatedUser supervisor = requireCaller(caller);
        require(supervisor.role().isSupervisor(), ErrorCode.ROLE_NOT_ALLOWED,
                "only a supervisor or admin may " + action);
        return supervisor;
    }

    private void requireTheVisitor(AuthenticatedUser caller) {
        require(isVisitor(requireCaller(caller)), ErrorCode.NOT_PARTICIPANT, "not the visitor of this chat");
    }

    private void requireOpen() {
        require(status != LiveChatStatus.CLOSED, ErrorCode.CONVERSATION_CLOSED, "the chat is closed");
    }

    private void requireClaimed() {
        requireOpen();
        require(status == LiveChatStatus.ASSIGNED, ErrorCode.CHAT_NOT_CLAIMED,
                "chat " + conversationId + " is not claimed yet");
    }

    /** A non-visitor token whose id happens to be the visitor's is still not the visitor. */
    private boolean isVisitor(AuthenticatedUser user) {
        return user.role() == Role.VISITOR && user.userId().equals(visitorId);
    }

    private boolean isStaffInChat(String userId) {
        return staffInChat(userId) != null;
    }

    private Staff staffInChat(String userId) {
        return serving != null && serving.userId().equals(userId) ? serving : addedStaff(userId);
    }

    private Staff addedStaff(String userId) {
        return added.stream().filter(staff -> staff.userId().equals(userId)).findFirst().orElse(null);
    }

    private static boolean isIdentifier(String value) {
        return InputText.isValid(value, MAX_IDENTIFIER_LENGTH);
    }

    private static void require(boolean condition, ErrorCode code, String message) {
        if (!condition) {
            throw new CommandRejectedException(code, message);
        }
    }

    @EventSourcingHandler
    void on(ChatClaimed event) {
        status = LiveChatStatus.ASSIGNED;
        serving = new Staff(event.staffId(), event.staffRole());
    }

    @EventSourcingHandler
    void on(ChatTakenOver event) {
        added.removeIf(staff -> staff.userId().equals(event.supervisorId()));
        serving = new Staff(event.supervisorId(), event.supervisorRole());
    }

    @EventSourcingHandler
    void on(StaffAddedToChat event) {
        added.add(new Staff(event.staffId(), event.staffRole()));
    }

    @EventSourcingHandler
    void on(StaffRemovedFromChat event) {
        added.removeIf(staff -> staff.userId().equals(event.staffId()));
    }

    /** Only a staff member leaving on their own comes here still listed: removals and take-overs unlisted them. */
    @EventSourcingHandler
    void on(ParticipantLeft event) {
        added.removeIf(staff -> staff.userId().equals(event.userId()));
        if (serving != null && serving.userId().equals(event.userId()) && !added.isEmpty()) {
            serving = added.remove(0);
        }
    }

    @EventSourcingHandler
    void on(ChatPriorityChanged event) {
        severityLevel = event.severityLevel();
    }

    @EventSourcingHandler
    void on(ChatClosed event) {
        status = LiveChatStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(VisitorWentOffline event) {
        visitorOnline = false;
    }

    @EventSourcingHandler
    void on(VisitorWentOnline event) {
        visitorOnline = true;
    }
}
