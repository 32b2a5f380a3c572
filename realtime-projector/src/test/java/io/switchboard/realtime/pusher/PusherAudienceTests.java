package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PusherAudienceTests {

    private static PusherAudience.Member active(String id, Role role) {
        return new PusherAudience.Member(id, role, true);
    }

    @Test
    void staffChatNotifiesEveryActiveParticipantButTheSender() {
        PusherAudience audience = new PusherAudience(100, "killarney", ConversationKind.STAFF, null, null, List.of(
                active("45", Role.STAFF), active("46", Role.SUPERVISOR), new PusherAudience.Member("47", Role.STAFF,
                        false), active("48", Role.ADMIN)));

        assertThat(audience.messageChannels("45")).containsExactly("killarney.staff-chat.100",
                "killarney.staff-46-notifications", "killarney.staff-48-notifications");
    }

    @Test
    void guestRoomsGoToTheirPrivateChannelsOnlyNeverToPublicStaffNotifications() {
        PusherAudience audience = new PusherAudience(55, "killarney", ConversationKind.GUEST_ROOM, "101", "B1",
                List.of(active("g1", Role.GUEST), active("7", Role.STAFF), active("8", Role.STAFF)));

        for (String sender : List.of("7", "g1")) {
            assertThat(audience.messageChannels(sender)).as("sent by " + sender).containsExactly(
                    "private-killarney.guest-chat.55", "private-killarney.guest-chat-notifications");
        }
        assertThat(audience.guestRoomChannels()).isEqualTo(audience.messageChannels("g1"));
    }

    @Test
    void aConversationWithoutOthersStillReachesItsOwnChannel() {
        PusherAudience alone = new PusherAudience(3, "t", ConversationKind.STAFF, null, null,
                List.of(active("1", Role.STAFF)));

        assertThat(alone.messageChannels("1")).containsExactly("t.staff-chat.3");
    }
}
