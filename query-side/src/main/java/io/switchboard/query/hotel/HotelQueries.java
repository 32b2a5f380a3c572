package io.switchboard.query.hotel;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ConversationList;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindGuestRoomConversation;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.hotel.HotelAccess;
import io.switchboard.hotel.RoomMessage;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The hotel dialect's reads, all through the query bus with shared-api queries: the REST layer never touches a read
 * model's tables, so the conversation read models stay free to change them. Reads are eventually consistent with the
 * commands.
 */
@Component
class HotelQueries {

    private final QueryGateway queries;

    HotelQueries(QueryGateway queries) {
        this.queries = queries;
    }

    /** The viewer's hotel's conversation of {@code kind}; an unknown one, another hotel's or another kind 404s. */
    ConversationSummary conversation(AuthenticatedUser viewer, long conversationId, ConversationKind kind) {
        return ask(new FindConversation(viewer.tenant(), conversationId, viewer.userId()),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class))
                .filter(summary -> summary.kind() == kind)
                .orElseThrow(() -> HotelAccess.NOT_FOUND.refusal());
    }

    List<ConversationSummary> conversations(AuthenticatedUser viewer, ConversationKind kind, boolean participatingOnly,
                                            ConversationListing listing) {
        return ask(new FindConversations(viewer.tenant(), kind, viewer.userId(), participatingOnly, listing.limit(),
                listing.offset()), ResponseTypes.instanceOf(ConversationList.class)).conversations();
    }

    /** The guest's thread (one per room booking), once the read model has it. */
    Optional<ConversationSummary> guestThread(AuthenticatedUser guest) {
        return ask(new FindGuestRoomConversation(guest.tenant(), guest.room(), guest.booking()),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class));
    }

    MessagePage page(String tenant, long conversationId, Paging paging) {
        return ask(new FindMessages(tenant, conversationId, paging.limit(), null, paging.beforeId(), null, null),
                ResponseTypes.instanceOf(MessagePage.class));
    }

    /** A page of a room thread, for the staff and the guest URL alike. */
    MessagePageJson<RoomMessage> roomPage(String tenant, long conversationId, RoomMessage.Thread thread,
                                          Paging paging) {
        MessagePage page = page(tenant, conversationId, paging);
        return MessagePageJson.of(conversationId, page, message -> RoomMessage.of(message, thread,
                page.readMarkers()));
    }

    private <R> R ask(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
