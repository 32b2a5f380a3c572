package io.switchboard.app.audit;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.FirstMessage;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.LeaveConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindReadStates;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.conversation.query.ReadStates;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.AddStaffToChat;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.FindLiveChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.LiveChatView;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A conversation's state as of an instant, replayed from its events, equals what the read models answered at that
 * instant: answers are recorded while the conversation goes on, and compared afterwards.
 */
@SwitchboardIntegrationTest
class AuditStateTests {

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("501", "Alice Staff", tenant, Role.STAFF);
    private final AuthenticatedUser bob = AuthenticatedUser.of("502", "Bob Staff", tenant, Role.STAFF);
    private final AuthenticatedUser carol = AuthenticatedUser.of("503", "Carol Staff", tenant, Role.STAFF);
    private final AuthenticatedUser auditor = AuthenticatedUser.of("aud-1", "Ann Auditor", tenant, Role.AUDITOR);

    /** What the read models answered, for each viewer, right after {@code at}. */
    private record Checkpoint(Instant at, Map<String, ConversationSummary> summaries,
                              Map<String, ReadStates.ReadState> readStates, LiveChatView liveChat) {
    }

    @Test
    void aStaffChatAsOfEachInstantIsWhatTheReadModelsAnsweredThen() {
        List<AuthenticatedUser> viewers = List.of(alice, bob, carol);
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, "Night shift",
                List.of(new Participant(bob.userId(), bob.name(), Role.STAFF),
                        new Participant(carol.userId(), null, Role.STAFF)), alice), meta(alice))).longValue();
        List<Checkpoint> checkpoints = new ArrayList<>();
        checkpoints.add(checkpoint(id, ConversationKind.STAFF, viewers, false));

        send(id, ConversationKind.STAFF, alice, "first");
        send(id, ConversationKind.STAFF, alice, "second");
        checkpoints.add(checkpoint(id, ConversationKind.STAFF, viewers, false));

        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, bob, 2), meta(bob));
        send(id, ConversationKind.STAFF, bob, "third, from Bob");
        send(id, ConversationKind.STAFF, carol, "Carol is named by her first message");
        checkpoints.add(checkpoint(id, ConversationKind.STAFF, viewers, false));

        commands.sendAndWait(new LeaveConversation(id, ConversationKind.STAFF, carol), meta(carol));
        send(id, ConversationKind.STAFF, alice, "after Carol left");
        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, alice, 5), meta(alice));
        checkpoints.add(checkpoint(id, ConversationKind.STAFF, viewers, false));

        commands.sendAndWait(new JoinConversation(id, ConversationKind.STAFF, carol), meta(carol));
        send(id, ConversationKind.STAFF, bob, "welcome back");
        checkpoints.add(checkpoint(id, ConversationKind.STAFF, viewers, false));

        assertStatesMatch(id, checkpoints, viewers);
    }

    @Test
    void aLiveChatsRoutingAsOfEachInstantIsWhatTheReadModelsAnsweredThen() {
        AuthenticatedUser visitor = new AuthenticatedUser("visitor-" + UUID.randomUUID(), "Vera Visitor",
                "vera@example.com", tenant, Role.VISITOR, null, null);
        AuthenticatedUser supervisor = AuthenticatedUser.of("sup-1", "Sam Supervisor", tenant, Role.SUPERVISOR);
        List<AuthenticatedUser> viewers = List.of(visitor, alice, bob);
        long id = ((MessageAccepted) commands.sendAndWait(new StartConversation(ConversationKind.LIVE_CHAT, tenant,
                null, List.of(), visitor, new FirstMessage(MessageType.TEXT, "Hello, anyone?", null, null, null)),
                meta(visitor))).conversationId();
        List<Checkpoint> checkpoints = new ArrayList<>();
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        commands.sendAndWait(new ClaimChat(id, alice), meta(alice));
        send(id, ConversationKind.LIVE_CHAT, alice, "Hi, Alice here");
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        commands.sendAndWait(new MarkConversationRead(id, ConversationKind.LIVE_CHAT, visitor, 2), meta(visitor));
        commands.sendAndWait(new ChangeChatPriority(id, alice, 3), meta(alice));
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        commands.sendAndWait(new AddStaffToChat(id, supervisor, new Participant(bob.userId(), bob.name(), Role.STAFF)),
                meta(supervisor));
        commands.sendAndWait(new ChangeChatPriority(id, alice, 5), meta(alice));
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        commands.sendAndWait(new LeaveChat(id, alice, false), meta(alice));
        send(id, ConversationKind.LIVE_CHAT, bob, "Bob takes over");
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        commands.sendAndWait(new LeaveChat(id, visitor, false), meta(visitor));
        checkpoints.add(checkpoint(id, ConversationKind.LIVE_CHAT, viewers, true));

        assertStatesMatch(id, checkpoints, viewers);
        JsonNode closed = state(id, checkpoints.get(checkpoints.size() - 1).at());
        assertThat(closed.get("liveChat").get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("liveChat").get("servingStaff").get("userId").asString()).isEqualTo(bob.userId());
    }

    @Test
    void beforeTheConversationStartedThereIsNothingToSeeAndAMalformedInstantIsRefused() {
        // the event store keeps event times to the millisecond: an instant in the same millisecond as the start
        // would see it, so "before" is the millisecond before
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minusMillis(1);
        long id = ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant(bob.userId(), bob.name(), Role.STAFF)), alice), meta(alice))).longValue();
        AuditApi api = new AuditApi(port);

        AuditApi.Response early = api.get(statePath(id, before), auditor);
        assertThat(early.status()).as(early.raw()).isEqualTo(404);
        AuditApi.Response malformed = api.get("/api/audit/conversations/" + id + "/state?at=yesterday", auditor);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asString()).contains("at:");
        AuditApi.Response now = api.get("/api/audit/conversations/" + id + "/state", auditor);
        assertThat(now.status()).isEqualTo(200);
        assertThat(now.json().get("participants")).hasSize(2);
    }

    private void assertStatesMatch(long id, List<Checkpoint> checkpoints, List<AuthenticatedUser> viewers) {
        for (Checkpoint checkpoint : checkpoints) {
            JsonNode state = state(id, checkpoint.at());
            String when = "state at " + checkpoint.at() + ": " + state;
            ConversationSummary summary = checkpoint.summaries().values().iterator().next();
            assertThat(participants(state)).as(when).isEqualTo(summary.participants());
            assertThat(state.get("messageCount").asLong()).as(when).isEqualTo(summary.messageCount());
            assertThat(state.get("lastSequence").asLong()).as(when).isEqualTo(summary.lastSequence());
            assertThat(Instant.parse(state.get("createdAt").asString())).as(when).isEqualTo(summary.createdAt());
            assertThat(Instant.parse(state.get("updatedAt").asString())).as(when).isEqualTo(summary.updatedAt());
            assertThat(state.get("messages")).as(when).hasSize((int) summary.messageCount());
            Map<String, JsonNode> positions = new LinkedHashMap<>();
            state.get("readPositions").forEach(position -> positions.put(position.get("userId").asString(), position));
            for (AuthenticatedUser viewer : viewers) {
                ConversationSummary seen = checkpoint.summaries().get(viewer.userId());
                JsonNode position = positions.get(viewer.userId());
                boolean participant = summary.participants().stream()
                        .anyMatch(member -> member.userId().equals(viewer.userId()));
                // positions are the participants' (present and former) and any reader's; the read model also counts
                // for a viewer who never took part, which the state has no row for
                assertThat(position != null).as(when + " position of " + viewer.userId()).isEqualTo(
                        participant || checkpoint.readStates().containsKey(viewer.userId()));
                if (position == null) {
                    continue;
                }
                assertThat(position.get("unread").asLong()).as(when + " unread of " + viewer.userId())
                        .isEqualTo(seen.unreadCount());
                ReadStates.ReadState readState = checkpoint.readStates().get(viewer.userId());
                if (readState != null) {
                    assertThat(position).as(when + " read position of " + viewer.userId()).isNotNull();
                    assertThat(position.get("readUpTo").asLong()).as(when).isEqualTo(readState.readUpTo());
                    assertThat(position.get("unread").asLong()).as(when).isEqualTo(readState.unread());
                }
            }
            if (checkpoint.liveChat() != null) {
                LiveChatView chat = checkpoint.liveChat();
                JsonNode replayed = state.get("liveChat");
                assertThat(replayed.get("status").asString()).as(when).isEqualTo(chat.status().name());
                assertThat(replayed.get("visitorOnline").asBoolean()).as(when).isEqualTo(chat.visitorOnline());
                assertThat(replayed.get("severityLevel").asInt()).as(when).isEqualTo(chat.severityLevel());
                assertThat(instantOrNull(replayed.get("flaggedAt"))).as(when).isEqualTo(chat.flaggedAt());
                assertThat(Instant.parse(replayed.get("updatedAt").asString())).as(when).isEqualTo(chat.updatedAt());
                assertThat(participantOrNull(replayed.get("servingStaff"))).as(when).isEqualTo(chat.servingStaff());
                assertThat(List.of(AuditApi.JSON.treeToValue(replayed.get("staff"), ParticipantView[].class)))
                        .as(when).isEqualTo(chat.staff());
            }
        }
    }

    /** Records what the read models answer once they have projected every event stored so far. */
    private Checkpoint checkpoint(long id, ConversationKind kind, List<AuthenticatedUser> viewers, boolean liveChat) {
        Instant at = Instant.now();
        awaitProjected();
        Map<String, ConversationSummary> summaries = new LinkedHashMap<>();
        Map<String, ReadStates.ReadState> readStates = new LinkedHashMap<>();
        for (AuthenticatedUser viewer : viewers) {
            summaries.put(viewer.userId(), queries.query(new FindConversation(tenant, id, viewer.userId()),
                    ConversationSummary.class).join());
            queries.query(new FindReadStates(tenant, viewer.userId(), kind, id), ReadStates.class).join().of(id)
                    .ifPresent(state -> readStates.put(viewer.userId(), state));
        }
        LiveChatView chat = liveChat ? queries.query(new FindLiveChat(tenant, id), LiveChatView.class).join() : null;
        return new Checkpoint(at, summaries, readStates, chat);
    }

    /** Until every segment of the read-model processor has passed the newest stored event. */
    private void awaitProjected() {
        long newest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await("the read models project event " + newest).atMost(Duration.ofSeconds(20)).until(() -> {
            List<byte[]> tokens = jdbc.queryForList(
                    "select token from token_entry where processor_name = 'conversation-read-models'", byte[].class);
            return !tokens.isEmpty() && tokens.stream().allMatch(token -> index(token) >= newest);
        });
    }

    private static long index(byte[] token) {
        if (token == null) {
            return -1;
        }
        Matcher matcher = TOKEN_INDEX.matcher(new String(token, StandardCharsets.UTF_8));
        long index = -1;
        while (matcher.find()) {
            index = Math.max(index, Long.parseLong(matcher.group(1)));
        }
        return index;
    }

    private JsonNode state(long id, Instant at) {
        AuditApi.Response response = new AuditApi(port).get(statePath(id, at), auditor);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static String statePath(long id, Instant at) {
        return "/api/audit/conversations/" + id + "/state?at=" + at;
    }

    private static List<ParticipantView> participants(JsonNode state) {
        return List.of(AuditApi.JSON.treeToValue(state.get("participants"), ParticipantView[].class));
    }

    private static ParticipantView participantOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : AuditApi.JSON.treeToValue(node, ParticipantView.class);
    }

    private static Instant instantOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asString());
    }

    private void send(long id, ConversationKind kind, AuthenticatedUser sender, String text) {
        commands.sendAndWait(new SendMessage(id, kind, sender, MessageType.TEXT, text, null, List.of(), null),
                meta(sender));
    }

    private static MetaData meta(AuthenticatedUser user) {
        return MetaData.from(AuditMetadata.of(user, Dialect.INTERNAL, null));
    }
}
