package io.switchboard.app.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.realtime.socketio.SocketIoServer;
import io.switchboard.testsupport.SocketIoTestClient;
import io.switchboard.testsupport.SocketIoTestClient.Options;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A visitor, two agents, a supervisor and another organisation's visitor through a whole live chat, on real
 * socket.io-client 2.x (polling, header token: the seed's frontends) and 4.x clients: every event reaches exactly its
 * audience, acks have seed 004's shape.
 */
@SwitchboardIntegrationTest
class LiveChatLifecycleTests {

    private static final List<String> SUPERVISOR_ONLY = List.of("agent_new_chat", "staff_take_over_chat",
            "new_staff_msg_for_supervisor", "new_visitor_msg_for_supervisor", "staff_leave_chat_for_supervisor",
            "visitor_leave_chat_for_supervisor", "chat_has_changed_priority_for_supervisor");

    @Autowired
    @Qualifier("liveChatServer")
    SocketIoServer server;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "org-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser supervisor = user("sup-1", "Sue Pervisor", Role.SUPERVISOR);
    private final AuthenticatedUser agent1 = user("agent-1", "Agent One", Role.AGENT);
    private final AuthenticatedUser agent2 = user("agent-2", "Agent Two", Role.AGENT);
    private final AuthenticatedUser visitor = new AuthenticatedUser("visitor-1", "Sarah Wood", "sarah@example.com",
            tenant, Role.VISITOR, null, null);
    private final AuthenticatedUser stranger = new AuthenticatedUser("visitor-x", "Other Org", null, tenant + "-b",
            Role.VISITOR, null, null);

    @Test
    void aChatFromFirstMessageToLeavingReachesExactlyItsAudience() {
        try (SocketIoTestClient sup = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(supervisor)));
             SocketIoTestClient a1 = SocketIoTestClient.connect(Options.v2Polling(url(), TestTokens.token(agent1)));
             SocketIoTestClient a2 = SocketIoTestClient.connect(Options.v4Auth(url(), TestTokens.token(agent2)))) {
            for (SocketIoTestClient staff : List.of(sup, a1, a2)) {
                JsonNode init = staff.await("staff_init");
                assertThat(init.path("unclaimed_chats").isArray()).isTrue();
                assertThat(init.has("online_users") && init.has("online_visitors") && init.has("flagged_chats")
                        && init.has("offline_unclaimed_chats")).isTrue();
            }
            assertThat(sup.await("staff_init").path("online_users").valueStream()
                    .map(staff -> staff.path("id").asString()).toList()).contains("sup-1");
            // seed 004: staff_init comes right after connecting, before any presence notice (its own arrival included)
            a2.await("staff_goes_online", data -> data.path("staff").path("id").asString().equals("agent-2"));
            for (SocketIoTestClient staff : List.of(sup, a1, a2)) {
                List<String> names = staff.eventNames();
                assertThat(names).as("events of a staff socket").contains("staff_init");
                assertThat(names.indexOf("staff_init")).as("%s", names).isLessThanOrEqualTo(
                        names.contains("staff_goes_online") ? names.indexOf("staff_goes_online") : Integer.MAX_VALUE);
            }

            try (SocketIoTestClient v = SocketIoTestClient.connect(Options.v2Polling(url(), TestTokens.token(visitor)));
                 SocketIoTestClient other = SocketIoTestClient.connect(Options.v4Auth(url(),
                         TestTokens.token(stranger)))) {
                a1.await("visitor_goes_online", data -> data.path("visitor").path("id").asString().equals("visitor-1"));

                JsonNode started = v.emit("visitor_first_msg", Map.of("content", "Hello"));
                assertThat(started.path(0).asBoolean()).as("%s", started).isTrue();
                assertThat(started.path(1).isNull()).isTrue();
                JsonNode queued = a2.await("append_unclaimed_chats");
                assertThat(queued.path("visitor").path("id").asString()).isEqualTo("visitor-1");
                assertThat(queued.path("visitor").path("email").asString()).isEqualTo("sarah@example.com");
                assertThat(queued.path("contents").path(0).path("content").asString()).isEqualTo("Hello");
                assertThat(queued.path("contents").path(0).path("timestamp").isNumber()).isTrue();

                assertThat(v.emit("visitor_msg_unclaimed", Map.of("content", "anyone?")).path(0).asBoolean()).isTrue();
                a1.await("visitor_unclaimed_msg", data -> data.path("content").path("content").asString()
                        .equals("anyone?"));

                // both agents claim at once: exactly one wins
                int first = a1.emitAsync("staff_join", Map.of("visitor", "visitor-1"));
                int second = a2.emitAsync("staff_join", Map.of("visitor", "visitor-1"));
                JsonNode ack1 = a1.awaitAck(first);
                JsonNode ack2 = a2.awaitAck(second);
                assertThat(ack1.path(0).asBoolean() ^ ack2.path(0).asBoolean()).as("%s / %s", ack1, ack2).isTrue();
                SocketIoTestClient winner = ack1.path(0).asBoolean() ? a1 : a2;
                SocketIoTestClient loser = winner == a1 ? a2 : a1;
                String winnerId = winner == a1 ? "agent-1" : "agent-2";
                assertThat((winner == a1 ? ack2 : ack1).path(1).asString()).contains("already claimed");

                JsonNode claimed = loser.await("staff_claim_chat");
                assertThat(claimed.path("staff").path("id").asString()).isEqualTo(winnerId);
                assertThat(claimed.path("staff").path("role_id").asInt()).isEqualTo(3);
                assertThat(claimed.path("next_offline_unclaimed_visitor").isNull()).isTrue();
                assertThat(v.await("staff_join_room").path("staff").path("id").asString()).isEqualTo(winnerId);
                JsonNode newChat = sup.await("agent_new_chat");
                assertThat(newChat.path("contents").size()).isEqualTo(2);
                assertThat(newChat.path("contents").path(0).path("sequence_num").asLong()).isEqualTo(1);

                JsonNode sent = winner.emit("staff_msg", Map.of("visitor", "visitor-1", "content",
                        Map.of("content", "Hi, how can I help?")));
                assertThat(sent.path(0).asBoolean()).isTrue();
                assertThat(sent.path(2).path("id").asString()).isNotBlank();
                assertThat(v.await("staff_send").path("content").path("content").asString())
                        .isEqualTo("Hi, how can I help?");
                sup.await("new_staff_msg_for_supervisor");

                assertThat(v.emit("visitor_msg", Map.of("content", "My order is late")).path(0).asBoolean()).isTrue();
                winner.await("visitor_send", data -> data.path("content").path("content").asString()
                        .equals("My order is late"));
                sup.await("new_visitor_msg_for_supervisor", data -> data.path("content").path("content").asString()
                        .equals("My order is late"));

                assertThat(v.emit("user_typing_send", Map.of("visitor", "visitor-1")).path(0).asBoolean()).isTrue();
                assertThat(winner.await("user_typing_receive").path("visitor").path("id").asString())
                        .isEqualTo("visitor-1");
                assertThat(winner.emit("user_stop_typing_send", Map.of("visitor", "visitor-1")).path(0).asBoolean())
                        .isTrue();
                v.await("user_stop_typing_receive");

                assertThat(loser.emit("change_chat_priority", Map.of("visitor", "visitor-1", "severity_level", 2))
                        .path(0).asBoolean()).isTrue();
                assertThat(sup.await("chat_has_changed_priority_for_supervisor").path("visitor")
                        .path("severity_level").asInt()).isEqualTo(2);

                JsonNode refused = loser.emit("take_over_chat", Map.of("visitor", "visitor-1"));
                assertThat(refused.path(0).asBoolean()).isFalse();
                assertThat(refused.path(1).asString()).contains("supervisor");
                assertThat(sup.emit("take_over_chat", Map.of("visitor", "visitor-1")).path(0).asBoolean()).isTrue();
                assertThat(winner.await("staff_being_taken_over_chat").path("staff").path("id").asString())
                        .isEqualTo("sup-1");
                v.await("staff_being_taken_over_chat");
                sup.await("staff_take_over_chat");

                assertThat(sup.emit("add_staff_to_chat", Map.of("visitor", "visitor-1", "staff", winnerId))
                        .path(0).asBoolean()).isTrue();
                v.await("staff_being_added_to_chat", data -> data.path("staff").path("id").asString().equals(winnerId));
                assertThat(sup.emit("remove_staff_from_chat", Map.of("visitor", "visitor-1", "staff", winnerId))
                        .path(0).asBoolean()).isTrue();
                v.await("staff_being_removed_from_chat");

                assertThat(v.emit("visitor_leave_room").path(0).asBoolean()).isTrue();
                a1.await("visitor_leave_queue", data -> data.path("user").path("id").asString().equals("visitor-1"));
                sup.await("visitor_leave_chat_for_supervisor");

                // audiences: the visitor and plain agents never hear supervisor events; the other org hears nothing
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                assertThat(v.eventNames()).doesNotContainAnyElementsOf(SUPERVISOR_ONLY)
                        .doesNotContain("append_unclaimed_chats", "staff_claim_chat", "visitor_goes_online");
                assertThat(a1.eventNames()).doesNotContainAnyElementsOf(SUPERVISOR_ONLY);
                assertThat(a2.eventNames()).doesNotContainAnyElementsOf(SUPERVISOR_ONLY);
                assertThat(loser.events("visitor_send")).isEmpty();
                assertThat(other.eventNames()).isEmpty();
                assertThat(sup.eventNames()).noneMatch(name -> name.equals("visitor_goes_online")
                        && sup.events(name).stream().anyMatch(d -> d.path(0).path("visitor").path("id").asString()
                        .equals("visitor-x")));
            }
        }
    }

    @Test
    void twoAgentsRacingForTheSameChat200TimesAlwaysGiveExactlyOneWinner() {
        try (SocketIoTestClient a1 = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(agent1)));
             SocketIoTestClient a2 = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(agent2)));
             SocketIoTestClient v = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(visitor)))) {
            for (int trial = 0; trial < 200; trial++) {
                assertThat(v.emit("visitor_first_msg", Map.of("content", "trial " + trial)).path(0).asBoolean())
                        .as("trial %d start", trial).isTrue();
                int first = a1.emitAsync("staff_join", Map.of("visitor", "visitor-1"));
                int second = a2.emitAsync("staff_join", Map.of("visitor", "visitor-1"));
                boolean won1 = a1.awaitAck(first).path(0).asBoolean();
                boolean won2 = a2.awaitAck(second).path(0).asBoolean();
                assertThat(won1 ^ won2).as("trial %d: exactly one winner", trial).isTrue();
                JsonNode left = v.emit("visitor_leave_room");
                assertThat(left.path(0).asBoolean()).as("trial %d leave: %s", trial, left).isTrue();
                // the visitor sends two events a trial: stay under the per-connection limit (20 a second)
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            }
        }
        List<Long> claimsPerChat = jdbc.queryForList("""
                select count(*) from domain_event_entry e
                where e.payload_type = 'io.switchboard.api.livechat.ChatClaimed'
                  and e.aggregate_identifier in (select aggregate_identifier from domain_event_entry
                      where payload_type = 'io.switchboard.api.conversation.ConversationStarted'
                        and convert_from(meta_data, 'UTF8') like ?)
                group by e.aggregate_identifier""", Long.class, "%" + tenant + "%");
        assertThat(claimsPerChat).hasSize(200).containsOnly(1L);
    }

    private AuthenticatedUser user(String id, String name, Role role) {
        return new AuthenticatedUser(id, name, id + "@example.com", tenant, role, null, null);
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
