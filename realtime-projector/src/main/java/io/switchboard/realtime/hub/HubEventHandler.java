package io.switchboard.realtime.hub;

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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Feeds every stored conversation event to this node's {@link Hub}. Its processor is per node: it keeps its
 * position in memory and starts at the head of the store ({@link HubConfiguration}), so every node sees every
 * event from its start on, and a node never replays history to its sockets (clients catch up by sequence).
 */
@Component
@ProcessingGroup(HubEventHandler.PROCESSING_GROUP)
class HubEventHandler {

    static final String PROCESSING_GROUP = "realtime-hub";

    private final Hub hub;

    HubEventHandler(Hub hub) {
        this.hub = hub;
    }

    @EventHandler
    void on(ConversationStarted event) {
        hub.stored(event);
    }

    @EventHandler
    void on(MessageSent event) {
        hub.stored(event);
    }

    @EventHandler
    void on(ConversationRead event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(ChatClaimed event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(ChatTakenOver event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(StaffAddedToChat event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(StaffRemovedFromChat event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(ChatPriorityChanged event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(ChatClosed event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(VisitorWentOffline event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(VisitorWentOnline event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(RobotMessageShared event) {
        hub.stored(event.conversationId(), event.tenant(), event);
    }

    @EventHandler
    void on(ParticipantJoined event) {
        hub.stored(event);
    }

    @EventHandler
    void on(ParticipantLeft event) {
        hub.stored(event);
    }
}
