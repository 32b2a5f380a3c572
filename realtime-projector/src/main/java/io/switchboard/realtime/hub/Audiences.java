package io.switchboard.realtime.hub;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.ParticipantView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who takes part in a conversation, from the domain: kept from the events this node's hub sees, and read from the
 * read model for conversations started before the node did (or forgotten since: at most {@code capacity} are kept,
 * least recently used first out). Only the hub's processor thread writes it.
 */
final class Audiences {

    /** @param active user ids of the active participants */
    record Audience(String tenant, ConversationKind kind, Set<String> active) {
    }

    private final QueryGateway queries;
    private final Map<Long, Audience> byConversation;

    Audiences(QueryGateway queries, int capacity) {
        this.queries = queries;
        this.byConversation = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Audience> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Audience started(ConversationStarted event) {
        Audience audience = new Audience(event.tenant(), event.kind(), event.participants().stream()
                .map(Participant::userId).collect(Collectors.toCollection(HashSet::new)));
        byConversation.put(event.conversationId(), audience);
        return audience;
    }

    synchronized Optional<Audience> joined(ParticipantJoined event) {
        Audience audience = byConversation.get(event.conversationId());
        if (audience != null) {
            audience.active().add(event.userId());
        }
        return Optional.ofNullable(audience).or(() -> load(event.conversationId(), event.tenant()));
    }

    synchronized Optional<Audience> left(ParticipantLeft event) {
        Audience audience = byConversation.get(event.conversationId());
        if (audience != null) {
            audience.active().remove(event.userId());
        }
        return Optional.ofNullable(audience).or(() -> load(event.conversationId(), event.tenant()));
    }

    synchronized Optional<Audience> of(long conversationId, String tenant) {
        return Optional.ofNullable(byConversation.get(conversationId)).or(() -> load(conversationId, tenant));
    }

    private Optional<Audience> load(long conversationId, String tenant) {
        Optional<ConversationSummary> summary = queries.query(new FindConversation(tenant, conversationId, null),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).join();
        return summary.map(found -> {
            Audience audience = new Audience(found.tenant(), found.kind(), found.participants().stream()
                    .filter(ParticipantView::active).map(ParticipantView::userId)
                    .collect(Collectors.toCollection(HashSet::new)));
            byConversation.put(conversationId, audience);
            return audience;
        });
    }
}
