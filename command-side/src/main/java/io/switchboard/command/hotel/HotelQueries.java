package io.switchboard.command.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ConversationList;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.identity.AuthenticatedUser;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The hotel dialect's reads, all through the query bus with shared-api queries: this adapter never touches a read
 * model's tables, so the read side stays free to change them. Reads are eventually consistent with the commands.
 */
@Component
class HotelQueries {

    /** How long a resend waits for its original message to reach the read model before answering without it. */
    static final Duration ORIGINAL_MESSAGE_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final QueryGateway queries;

    HotelQueries(QueryGateway queries) {
        this.queries = queries;
    }

    /** The viewer's hotel's conversation of {@code kind}; an unknown one, another hotel's or another kind 404s. */
    ConversationSummary conversation(AuthenticatedUser viewer, long conversationId, ConversationKind kind) {
        return find(viewer, conversationId).filter(summary -> summary.kind() == kind)
                .orElseThrow(HotelAccess::notFound);
    }

    Optional<ConversationSummary> find(AuthenticatedUser viewer, long conversationId) {
        return ask(new FindConversation(viewer.tenant(), conversationId, viewer.userId()),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class));
    }

    List<ConversationSummary> conversations(AuthenticatedUser viewer, ConversationKind kind, boolean participatingOnly,
                                            ConversationListing listing) {
        return ask(new FindConversations(viewer.tenant(), kind, viewer.userId(), participatingOnly, listing.limit(),
                listing.offset()), ResponseTypes.instanceOf(ConversationList.class)).conversations();
    }

    MessagePage page(String tenant, long conversationId, Paging paging) {
        return ask(new FindMessages(tenant, conversationId, paging.limit(), null, paging.beforeId(), null, null),
                ResponseTypes.instanceOf(MessagePage.class));
    }

    /**
     * A message that the command side has accepted, once the read model has it: bounded by
     * {@link #ORIGINAL_MESSAGE_WAIT}, after which the caller answers from what it knows.
     */
    Optional<MessageView> awaitMessage(String tenant, long messageId) {
        long deadline = System.nanoTime() + ORIGINAL_MESSAGE_WAIT.toNanos();
        while (true) {
            Optional<MessageView> message = ask(new FindMessage(tenant, messageId),
                    ResponseTypes.optionalInstanceOf(MessageView.class));
            if (message.isPresent() || System.nanoTime() - deadline > 0) {
                return message;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    private <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
