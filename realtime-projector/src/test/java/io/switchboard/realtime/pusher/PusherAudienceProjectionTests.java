package io.switchboard.realtime.pusher;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.ParticipantJoined;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.util.List;

import static io.switchboard.realtime.pusher.TestConversations.nextId;
import static io.switchboard.realtime.pusher.TestConversations.staff;
import static io.switchboard.realtime.pusher.TestConversations.started;
import static io.switchboard.realtime.pusher.TestConversations.uniqueTenant;
import static org.assertj.core.api.Assertions.assertThat;

/** The audience table under redelivered and out-of-the-ordinary events, on the real database. */
@PusherSpringTest
@Import(PusherFanoutTests.RecordingPublisher.class)
class PusherAudienceProjectionTests {

    @Autowired
    private PusherAudienceProjection projection;
    @Autowired
    private PusherAudienceRepository audiences;

    private final String tenant = uniqueTenant();
    private final long conversationId = nextId();

    private PusherAudience audience() {
        return audiences.find(conversationId).orElseThrow();
    }

    private static PusherAudience.Member member(String id, Role role, boolean active) {
        return new PusherAudience.Member(id, role, active);
    }

    @Test
    void keepsWhereAGuestRoomLivesAndWhoIsInIt() {
        projection.on(started(conversationId, tenant, ConversationKind.GUEST_ROOM, "101", "BK-7",
                new Participant("g", "Guest", Role.GUEST), staff("5")));

        assertThat(audience()).isEqualTo(new PusherAudience(conversationId, tenant, ConversationKind.GUEST_ROOM,
                "101", "BK-7", List.of(member("5", Role.STAFF, true), member("g", Role.GUEST, true))));
    }

    @Test
    void deliveringEveryEventTwiceChangesNothing() {
        ConversationStarted start = started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"),
                staff("2"));
        ParticipantJoined joined = new ParticipantJoined(conversationId, tenant, "3", "Three", Role.SUPERVISOR,
                Instant.now());
        ParticipantLeft left = new ParticipantLeft(conversationId, tenant, "2", Role.STAFF, Instant.now());

        projection.on(start);
        projection.on(joined);
        projection.on(left);
        PusherAudience once = audience();
        projection.on(start);
        projection.on(joined);
        projection.on(left);

        assertThat(audience()).isEqualTo(once);
        assertThat(once.members()).containsExactly(member("1", Role.STAFF, true), member("2", Role.STAFF, false),
                member("3", Role.SUPERVISOR, true));
    }

    @Test
    void aParticipantWhoComesBackIsActiveAgain() {
        projection.on(started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"), staff("2")));
        projection.on(new ParticipantLeft(conversationId, tenant, "2", Role.STAFF, Instant.now()));
        projection.on(new ParticipantJoined(conversationId, tenant, "2", "Two", Role.SUPERVISOR, Instant.now()));

        assertThat(audience().members()).contains(member("2", Role.SUPERVISOR, true));
    }

    @Test
    void ignoresConversationsThatAreNotPublishedToPusher() {
        for (ConversationKind kind : new ConversationKind[]{ConversationKind.DIRECT, ConversationKind.SUPPORT,
                ConversationKind.LIVE_CHAT}) {
            long id = nextId();
            projection.on(started(id, tenant, kind, null, null, staff("1"), staff("2")));
            projection.on(new ParticipantJoined(id, tenant, "3", "Three", Role.STAFF, Instant.now()));

            assertThat(audiences.find(id)).as(kind.name()).isEmpty();
        }
    }

    @Test
    void skipsIdsTooLongForAnyChannelName() {
        String longId = "u".repeat(PusherPublisher.MAX_CHANNEL_LENGTH + 1);
        projection.on(started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"), staff(longId)));
        long otherTenantsConversation = nextId();
        projection.on(started(otherTenantsConversation, "t".repeat(PusherPublisher.MAX_CHANNEL_LENGTH + 1),
                ConversationKind.STAFF, null, null, staff("1")));

        assertThat(audience().members()).containsExactly(member("1", Role.STAFF, true));
        assertThat(audiences.find(otherTenantsConversation)).isEmpty();
    }

    @Test
    void theResetHandlerClearsTheAudience() {
        projection.on(started(conversationId, tenant, ConversationKind.STAFF, null, null, staff("1"), staff("2")));

        projection.reset();

        assertThat(audiences.find(conversationId)).isEmpty();
    }
}
