package io.switchboard.api.livechat;

import io.switchboard.api.conversation.query.MessageView;

import java.util.List;

/**
 * One snapshot of the organisation's live chats. The query side bounds each queue to its 500 oldest chats and each
 * unclaimed chat's messages to its latest 50, so a backlog cannot make one answer grow without end.
 *
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
