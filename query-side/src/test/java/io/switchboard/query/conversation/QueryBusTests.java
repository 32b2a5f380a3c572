package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.query.ConversationList;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.FindUnreadCounts;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.UnreadCounts;
import io.switchboard.query.QuerySideTest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Optional;

import static io.switchboard.query.conversation.ConversationScenario.guest;
import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static org.assertj.core.api.Assertions.assertThat;

/** The handlers are reachable the way adapters call them: through Axon's query gateway, by query and response type. */
@QuerySideTest
class QueryBusTests {

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private QueryGateway queryGateway;

    @Test
    void answersEveryQueryThroughTheQueryGateway() throws Exception {
        ConversationScenario room = new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM);
        MessageSent hello = room.message(guest("guest-1"), "hello");
        driver.apply(room.started(guest("guest-1"), staff("front-desk")), hello);
        String tenant = room.tenant();

        assertThat(queryGateway.query(new FindConversations(tenant, ConversationKind.GUEST_ROOM, "front-desk", true,
                10, 0), ConversationList.class).get().conversations()).hasSize(1);
        Optional<ConversationSummary> found = queryGateway.query(new FindConversation(tenant, room.id(), "front-desk"),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).get();
        assertThat(found).hasValueSatisfying(summary -> assertThat(summary.unreadCount()).isEqualTo(1));
        assertThat(queryGateway.query(new FindConversation(newTenant(), room.id(), "front-desk"),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).get()).isEmpty();
        assertThat(queryGateway.query(FindMessages.latest(tenant, room.id(), 10), MessagePage.class).get().messages())
                .hasSize(1);
        assertThat(queryGateway.query(new FindMessage(tenant, hello.messageId()),
                ResponseTypes.optionalInstanceOf(MessageView.class)).get()).isPresent();
        assertThat(queryGateway.query(new FindUnreadCounts(tenant, "front-desk", null), UnreadCounts.class).get()
                .total()).isEqualTo(1);
    }
}
