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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every client event with bad input: a clear {@code (false, "why")}, nothing stored, the connection keeps working. */
@SwitchboardIntegrationTest
class LiveChatBadInputTests {

    @Autowired
    @Qualifier("liveChatServer")
    SocketIoServer server;
    @Autowired
    JdbcTemplate jdbc;

    private final String tenant = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser agent = new AuthenticatedUser("agent-b", "Agent B", null, tenant, Role.AGENT,
            null, null);
    private final AuthenticatedUser visitor = new AuthenticatedUser("visitor-b", "Vic", null, tenant, Role.VISITOR,
            null, null);

    @Test
    void badPayloadsAreRefusedClearlyAndStoreNothing() {
        try (SocketIoTestClient a = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(agent)));
             SocketIoTestClient v = SocketIoTestClient.connect(Options.v2Polling(url(), TestTokens.token(visitor)))) {
            a.await("staff_init");
            long before = events();

            // a visitor without a chat, and content that is no object
            refused(v.emit("visitor_msg", Map.of("content", "hi")), "no open chat");
            refused(v.emit("visitor_first_msg", "just text"), "content");
            refused(v.emit("visitor_first_msg", 42), "content");
            refused(v.emit("visitor_first_msg"), "content");
            refused(v.emit("visitor_first_msg", Map.of("content", "x".repeat(30_000))), "content_too_large");
            refused(v.emit("visitor_leave_room"), "no open chat");
            // staff events from a visitor, and supervisor events from an agent
            refused(v.emit("staff_join", Map.of("visitor", "visitor-b")), "only staff");
            refused(v.emit("take_over_chat", Map.of("visitor", "visitor-b")), "supervisor");
            refused(a.emit("take_over_chat", Map.of("visitor", "visitor-b")), "supervisor");
            refused(a.emit("add_staff_to_chat", Map.of("visitor", "visitor-b", "staff", "x")), "supervisor");
            refused(a.emit("remove_staff_from_chat", Map.of("visitor", "visitor-b", "staff", "x")), "supervisor");
            refused(a.emit("visitor_msg", Map.of("content", "as a visitor?")), "only a visitor");
            // missing and wrong fields, unknown visitors
            refused(a.emit("staff_join"), "data");
            refused(a.emit("staff_join", Map.of()), "visitor");
            refused(a.emit("staff_join", Map.of("visitor", 12)), "visitor");
            refused(a.emit("staff_join", Map.of("visitor", "nobody")), "no open chat");
            refused(a.emit("staff_msg", Map.of("visitor", "visitor-b")), "content");
            refused(a.emit("staff_msg", Map.of("visitor", "visitor-b", "content", List.of(1))), "content");
            refused(a.emit("change_chat_priority", Map.of("visitor", "visitor-b", "severity_level", "high")),
                    "severity_level");
            refused(a.emit("change_chat_priority", Map.of("visitor", "visitor-b", "severity_level", 11)),
                    "severity_level");
            refused(a.emit("user_typing_send", "nope"), "data");
            assertThat(events()).as("nothing stored").isEqualTo(before);

            // the connections still work
            assertThat(v.emit("visitor_first_msg", Map.of("content", "fine")).path(0).asBoolean()).isTrue();
            a.await("append_unclaimed_chats");
            // another organisation's agent cannot reach this visitor
            AuthenticatedUser outsider = new AuthenticatedUser("agent-o", "O", null, tenant + "-o", Role.AGENT,
                    null, null);
            try (SocketIoTestClient o = SocketIoTestClient.connect(Options.v4WebSocket(url(),
                    TestTokens.bearer(outsider)))) {
                refused(o.emit("staff_join", Map.of("visitor", "visitor-b")), "no open chat");
            }
            // refused claims of a claimed chat, messages to a chat one is not in
            assertThat(a.emit("staff_join", Map.of("visitor", "visitor-b")).path(0).asBoolean()).isTrue();
            refused(a.emit("staff_join", Map.of("visitor", "visitor-b")), "already claimed");
            assertThat(v.emit("visitor_first_msg", Map.of("content", "again")).path(1).asString())
                    .contains("open chat already");
        }
    }

    @Test
    void aFloodIsRateLimitedAndTheConnectionSurvives() {
        try (SocketIoTestClient a = SocketIoTestClient.connect(Options.v4WebSocket(url(), TestTokens.bearer(agent)))) {
            a.await("staff_init");
            int[] ids = new int[120];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = a.emitAsync("change_chat_priority", Map.of("visitor", "nobody", "severity_level", 1));
            }
            long limited = java.util.Arrays.stream(ids).mapToObj(a::awaitAck)
                    .filter(ack -> ack.path(1).asString().startsWith("rate limited")).count();
            assertThat(limited).isGreaterThan(0);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> a.emit("staff_join", Map.of("visitor", "nobody")).path(1).asString()
                            .contains("no open chat"));
        }
    }

    private static void refused(JsonNode ack, String why) {
        assertThat(ack.path(0).asBoolean()).as("%s", ack).isFalse();
        assertThat(ack.path(1).asString()).as("%s", ack).contains(why);
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(meta_data, 'UTF8') "
                + "like ?", Long.class, "%" + tenant + "%");
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
