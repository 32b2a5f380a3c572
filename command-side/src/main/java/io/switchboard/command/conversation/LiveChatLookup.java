package io.switchboard.command.conversation;

import io.switchboard.api.livechat.FindOpenLiveChat;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A visitor's open live chat, answered from the natural-key registry rather than a read model: the key is claimed by
 * the start and released by the close in those commands' own transactions, so the answer is never behind (an adapter
 * deciding "start a chat or send to the open one" must not race a projection).
 */
@Component
class LiveChatLookup {

    private final ConversationKeyRegistry keys;

    LiveChatLookup(ConversationKeyRegistry keys) {
        this.keys = keys;
    }

    @QueryHandler
    Optional<Long> handle(FindOpenLiveChat query) {
        if (query.tenant() == null || query.visitorId() == null) {
            return Optional.empty();
        }
        return keys.find(query.tenant(), ConversationKeys.liveChat(query.visitorId()));
    }
}
