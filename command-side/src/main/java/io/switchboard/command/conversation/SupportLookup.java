package io.switchboard.command.conversation;

import io.switchboard.api.support.FindSupportConversation;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The support conversation a client id names, answered from the natural-key registry rather than a read model: the
 * key is claimed in the start's own transaction, so an adapter deciding "start it or address the existing one" right
 * after a start never misses it (a projection could still be behind).
 */
@Component
class SupportLookup {

    private final ConversationKeyRegistry keys;

    SupportLookup(ConversationKeyRegistry keys) {
        this.keys = keys;
    }

    @QueryHandler
    Optional<Long> handle(FindSupportConversation query) {
        // an id no start would accept names no conversation: no key to derive, no round trip
        if (query.tenant() == null || !SupportRules.isClientId(query.clientId())) {
            return Optional.empty();
        }
        return keys.find(query.tenant(), ConversationKeys.support(query.clientId()));
    }
}
