package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindGuestRoomConversation;
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

/** A guest addresses their thread by room and booking, never by id: exactly that booking's thread answers. */
@QuerySideTest
class GuestRoomConversationTests {

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private QueryGateway queryGateway;

    @Test
    void findsTheThreadOfTheRoomBookingThroughTheQueryBus() {
        String tenant = newTenant();
        ConversationScenario thread = new ConversationScenario(tenant, ConversationKind.GUEST_ROOM);
        driver.apply(thread.startedAbout("101", "BK-1", guest("guest-1")), thread.message(guest("guest-1"), "hi"));

        assertThat(find(tenant, "101", "BK-1")).hasValueSatisfying(summary -> {
            assertThat(summary.conversationId()).isEqualTo(thread.id());
            assertThat(summary.subject()).isEqualTo("101");
            assertThat(summary.subjectReference()).isEqualTo("BK-1");
            assertThat(summary.messageCount()).isEqualTo(1);
            assertThat(summary.unreadCount()).as("no viewer, no unread state").isZero();
        });
    }

    @Test
    void anotherBookingRoomHotelOrKindIsNoGuestsThread() {
        String tenant = newTenant();
        ConversationScenario previousGuest = new ConversationScenario(tenant, ConversationKind.GUEST_ROOM);
        ConversationScenario staffChat = new ConversationScenario(tenant, ConversationKind.STAFF);
        driver.apply(previousGuest.startedAbout("101", "BK-1", guest("guest-1")),
                staffChat.startedAbout("102", "BK-2", staff("front-desk"), staff("manager")));

        assertThat(find(tenant, "101", "BK-2")).as("the room's next booking").isEmpty();
        assertThat(find(tenant, "102", "BK-1")).as("another room, same booking").isEmpty();
        assertThat(find(newTenant(), "101", "BK-1")).as("another hotel").isEmpty();
        assertThat(find(tenant, "102", "BK-2")).as("a staff chat about the same words").isEmpty();
        assertThat(find(tenant, "101", "BK-1")).isPresent();
    }

    private Optional<ConversationSummary> find(String tenant, String room, String booking) {
        return queryGateway.query(new FindGuestRoomConversation(tenant, room, booking),
                ResponseTypes.optionalInstanceOf(ConversationSummary.class)).join();
    }
}
