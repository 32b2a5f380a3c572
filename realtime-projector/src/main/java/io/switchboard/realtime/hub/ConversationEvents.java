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

/** The conversation and tenant every conversation event the hub delivers names (shared-api records have no common type). */
public final class ConversationEvents {

    private ConversationEvents() {
    }

    /** -1 for an object that is no conversation event. */
    public static long conversationId(Object event) {
        if (event instanceof ConversationStarted e) {
            return e.conversationId();
        } else if (event instanceof MessageSent e) {
            return e.conversationId();
        } else if (event instanceof ParticipantJoined e) {
            return e.conversationId();
        } else if (event instanceof ParticipantLeft e) {
            return e.conversationId();
        } else if (event instanceof ConversationRead e) {
            return e.conversationId();
        } else if (event instanceof ChatClaimed e) {
            return e.conversationId();
        } else if (event instanceof ChatTakenOver e) {
            return e.conversationId();
        } else if (event instanceof StaffAddedToChat e) {
            return e.conversationId();
        } else if (event instanceof StaffRemovedFromChat e) {
            return e.conversationId();
        } else if (event instanceof ChatPriorityChanged e) {
            return e.conversationId();
        } else if (event instanceof ChatClosed e) {
            return e.conversationId();
        } else if (event instanceof VisitorWentOffline e) {
            return e.conversationId();
        } else if (event instanceof VisitorWentOnline e) {
            return e.conversationId();
        } else if (event instanceof RobotMessageShared e) {
            return e.conversationId();
        }
        return -1;
    }

    /** "" for an object that is no conversation event. */
    public static String tenant(Object event) {
        if (event instanceof ConversationStarted e) {
            return e.tenant();
        } else if (event instanceof MessageSent e) {
            return e.tenant();
        } else if (event instanceof ParticipantJoined e) {
            return e.tenant();
        } else if (event instanceof ParticipantLeft e) {
            return e.tenant();
        } else if (event instanceof ConversationRead e) {
            return e.tenant();
        } else if (event instanceof ChatClaimed e) {
            return e.tenant();
        } else if (event instanceof ChatTakenOver e) {
            return e.tenant();
        } else if (event instanceof StaffAddedToChat e) {
            return e.tenant();
        } else if (event instanceof StaffRemovedFromChat e) {
            return e.tenant();
        } else if (event instanceof ChatPriorityChanged e) {
            return e.tenant();
        } else if (event instanceof ChatClosed e) {
            return e.tenant();
        } else if (event instanceof VisitorWentOffline e) {
            return e.tenant();
        } else if (event instanceof VisitorWentOnline e) {
            return e.tenant();
        } else if (event instanceof RobotMessageShared e) {
            return e.tenant();
        }
        return "";
    }
}
