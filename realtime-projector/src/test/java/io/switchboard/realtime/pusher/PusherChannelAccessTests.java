package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization rules of private guest-room channels, against an audience table held in a map. */
class PusherChannelAccessTests {

    private static final String HOTEL = "killarney";
    private static final long THREAD = 55;
    private static final long OTHER_HOTELS_THREAD = 56;
    private static final long STAFF_CHAT = 100;
    private static final String THREAD_CHANNEL = "private-killarney.guest-chat.55";
    private static final String FRONT_OFFICE = "private-killarney.guest-chat-notifications";

    private static final AuthenticatedUser RECEPTION = AuthenticatedUser.of("7", "Reception", HOTEL, Role.STAFF);
    private static final AuthenticatedUser ANN = guest(HOTEL, "305", "BK-9");

    private final List<Long> lookups = new ArrayList<>();
    private final Map<Long, PusherAudience> audiences = Map.of(
            THREAD, audience(THREAD, HOTEL, ConversationKind.GUEST_ROOM, "305", "BK-9"),
            OTHER_HOTELS_THREAD, audience(OTHER_HOTELS_THREAD, "ashford", ConversationKind.GUEST_ROOM, "305", "BK-9"),
            STAFF_CHAT, audience(STAFF_CHAT, HOTEL, ConversationKind.STAFF, null, null));
    private final PusherChannelAccess access = new PusherChannelAccess(id -> {
        lookups.add(id);
        return Optional.ofNullable(audiences.get(id));
    });

    private static PusherAudience audience(long id, String tenant, ConversationKind kind, String room,
                                           String booking) {
        return new PusherAudience(id, tenant, kind, room, booking, List.of());
    }

    private static AuthenticatedUser guest(String hotel, String room, String booking) {
        return new AuthenticatedUser("guest-" + room + "-" + booking, "Guest", null, hotel, Role.GUEST, room,
                booking);
    }

    @Test
    void everyStaffRoleOfTheHotelJoinsTheFrontOfficeAndItsThreads() {
        for (Role role : List.of(Role.STAFF, Role.AGENT, Role.SUPERVISOR, Role.ADMIN)) {
            AuthenticatedUser staff = AuthenticatedUser.of("8", "Staff", HOTEL, role);

            assertThat(access.mayJoin(staff, FRONT_OFFICE)).as(role.name()).isTrue();
            assertThat(access.mayJoin(staff, THREAD_CHANNEL)).as(role.name()).isTrue();
        }
    }

    @Test
    void theGuestOfTheRoomAndBookingJoinsItsThreadOnly() {
        assertThat(access.mayJoin(ANN, THREAD_CHANNEL)).isTrue();
        assertThat(access.mayJoin(ANN, FRONT_OFFICE)).as("the whole hotel's guest messages").isFalse();
    }

    @Test
    void noOtherGuestJoinsTheThread() {
        assertThat(access.mayJoin(guest(HOTEL, "306", "BK-9"), THREAD_CHANNEL)).as("next door").isFalse();
        assertThat(access.mayJoin(guest(HOTEL, "305", "BK-1"), THREAD_CHANNEL)).as("the room's previous booking")
                .isFalse();
        assertThat(access.mayJoin(guest("ashford", "305", "BK-9"), THREAD_CHANNEL)).as("another hotel's guest")
                .isFalse();
        assertThat(access.mayJoin(new AuthenticatedUser("g", "G", null, HOTEL, Role.GUEST, null, null),
                THREAD_CHANNEL)).as("a guest token without room claims").isFalse();
    }

    @Test
    void otherRolesJoinNothing() {
        for (Role role : List.of(Role.VISITOR, Role.CUSTOMER, Role.ROBOT, Role.AUDITOR)) {
            AuthenticatedUser user = new AuthenticatedUser("u", "U", null, HOTEL, role, "305", "BK-9");

            assertThat(access.mayJoin(user, FRONT_OFFICE)).as(role.name()).isFalse();
            assertThat(access.mayJoin(user, THREAD_CHANNEL)).as(role.name()).isFalse();
        }
        assertThat(lookups).as("no conversation is looked up for them").isEmpty();
    }

    @Test
    void anotherHotelsChannelsAreRefusedWhateverTheTokenSays() {
        AuthenticatedUser ashfordStaff = AuthenticatedUser.of("9", "Ashford", "ashford", Role.ADMIN);

        assertThat(access.mayJoin(ashfordStaff, FRONT_OFFICE)).isFalse();
        assertThat(access.mayJoin(ashfordStaff, THREAD_CHANNEL)).isFalse();
        assertThat(access.mayJoin(RECEPTION, "private-killarney.guest-chat." + OTHER_HOTELS_THREAD))
                .as("another hotel's conversation id under one's own hotel").isFalse();
        assertThat(access.mayJoin(ANN, "private-killarney.guest-chat." + OTHER_HOTELS_THREAD)).isFalse();
    }

    @Test
    void unknownConversationsAndStaffChatsAreRefusedLikeAnyOtherThread() {
        assertThat(access.mayJoin(RECEPTION, "private-killarney.guest-chat.57")).as("unknown").isFalse();
        assertThat(access.mayJoin(RECEPTION, "private-killarney.guest-chat." + STAFF_CHAT)).as("staff chat")
                .isFalse();
        assertThat(access.mayJoin(ANN, "private-killarney.guest-chat." + STAFF_CHAT)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "killarney.guest-chat.55", "killarney.guest-chat-notifications", "killarney.staff-chat.100",
            "killarney.staff-7-notifications", "presence-killarney.guest-chat.55",
            "presence-killarney.guest-chat-notifications", "private-encrypted-killarney.guest-chat-notifications",
            "private-killarney.staff-chat.100", "private-killarney.staff-7-notifications",
            "private-killarney.guest-chat.055", "private-killarney.guest-chat.55x", "private-killarney.guest-chat.",
            "private-killarney.guest-chat", "private-killarney.guest-chat.-55", "private-killarney.guest-chat.+55",
            "private-killarney.guest-chat.99999999999999999999", "private-killarney.guest-chat-notifications.55",
            "private-.guest-chat-notifications", "private-killarney.guest-chat-notifications ",
            "private-killarney.guest-chat-notifications\n", "private-killarney.guest-chat.55\n", "", "private-"})
    void channelsOfAnyOtherShapeAreRefusedEvenToTheHotelsAdmin(String channel) {
        AuthenticatedUser admin = AuthenticatedUser.of("1", "Admin", HOTEL, Role.ADMIN);

        assertThat(access.mayJoin(admin, channel)).isFalse();
        assertThat(access.mayJoin(ANN, channel)).isFalse();
    }

    @Test
    void nothingIsJoinedWithoutAChannelNameOrWithOneLongerThanPusherAllows() {
        String longSlug = "k".repeat(PusherPublisher.MAX_CHANNEL_LENGTH);
        AuthenticatedUser longHotelsStaff = AuthenticatedUser.of("7", "Reception", longSlug, Role.STAFF);

        assertThat(access.mayJoin(RECEPTION, null)).isFalse();
        assertThat(access.mayJoin(longHotelsStaff, "private-" + longSlug + ".guest-chat-notifications")).isFalse();
    }

    @Test
    void theChannelsTheFanOutPublishesOnAreTheOnesTheStaffAndTheGuestMayJoin() {
        PusherAudience room = audiences.get(THREAD);

        assertThat(room.guestRoomChannels()).allMatch(channel -> access.mayJoin(RECEPTION, channel));
        assertThat(room.guestRoomChannels()).filteredOn(channel -> access.mayJoin(ANN, channel))
                .containsExactly(room.conversationChannel());
    }

    @Test
    void aHotelSlugWithDotsParsesOneWayOnly() {
        PusherAudience room = new PusherAudience(77, "chain.guest-chat.1", ConversationKind.GUEST_ROOM, "1", "B",
                List.of());
        PusherChannelAccess dotted = new PusherChannelAccess(id -> Optional.of(room).filter(a -> id == 77));

        assertThat(dotted.mayJoin(AuthenticatedUser.of("7", "R", "chain.guest-chat.1", Role.STAFF),
                room.conversationChannel())).isTrue();
        assertThat(dotted.mayJoin(AuthenticatedUser.of("7", "R", "chain", Role.STAFF), room.conversationChannel()))
                .isFalse();
        assertThat(dotted.mayJoin(AuthenticatedUser.of("7", "R", "chain", Role.STAFF),
                PusherAudience.frontOfficeChannel("chain.guest-chat.1"))).isFalse();
    }
}
