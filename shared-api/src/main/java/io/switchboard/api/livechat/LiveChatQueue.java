package io.switchboard.api.livechat;

import io.switchboard.api.conversation.query.MessageView;

import java.util.List;

/**
 * @param unclaimed        queued chats whose visitor is online, oldest first, each with its messages (oldest first)
 * @param offlineUnclaimed queued chats whose visitor is offline, oldest first
 * @param flagged          open chats with severity above 0, most recently flagged first, at most
 *                         {@link FindLiveChatQueue#FLAGGED_LIMIT}
 */
public record LiveChatQueue(List<QueuedChat> unclaimed, List<LiveChatView> offlineUnclaimed,
                            List<LiveChatView> flagged) {

    public record QueuedChat(LiveChatView chat, List<MessageView> messages) {
    }
}
