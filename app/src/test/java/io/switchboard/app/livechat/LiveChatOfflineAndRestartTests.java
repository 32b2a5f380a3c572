package io.switchboard.app.livechat;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardApplication;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.realtime.socketio.SocketIoServer;
import io.switchboard.testsupport.SocketIoTestClient;
import io.switchboard.testsupport.SocketIoTestClient.Options;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitors going offline and coming back, second sessions, and a server restart: a staff member connecting to a
 * freshly started node (nothing in memory, same database) gets the same {@code staff_init}.
 */
@SwitchboardIntegrationTest
class LiveChatOfflineAndRestartTests {

    @Autowired
    @Qualifier("liveChatServer")
    SocketIoServer server;

    private final String tenant = "off-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser supervisor = user("sup", Role.SUPERVISOR);
    private final AuthenticatedUser agent = user("agent", Role.AGENT);
    private final AuthenticatedUser offline = user("v-offline", Role.VISITOR);
    private final AuthenticatedUser claimed = user("v-claimed", Role.VISITOR);
    private final AuthenticatedUser queued = user("v-queued", Role.VISITOR);

    @Test
    void theQueueSurvivesOfflineVisitorsAndARestart() {
        try (SocketIoTestClient sup = connect(supervisor); SocketIoTestClient a = connect(agent)) {
            sup.await("staff_init");
            a.await("staff_init");

            SocketIoTestClient goesOffline = SocketIoTestClient.connect(Options.v2Polling(url(server.port()),
                    TestTokens.token(offline)));
            assertThat(goesOffline.emit("visitor_first_msg", Map.of("content", "are you open?")).path(0).asBoolean())
                    .isTrue();
            a.await("append_unclaimed_chats", data -> visitorId(data).equals("v-offline"));
            goesOffline.close(); // the visitor closes the page
            a.await("visitor_goes_offline", data -> visitorId(data).equals("v-offline"));
            a.await("unclaimed_chat_to_offline", data -> visitorId(data).equals("v-offline"));

            try (SocketIoTestClient c = connect(claimed); SocketIoTestClient q = connect(queued)) {
                assertThat(c.emit("visitor_first_msg", Map.of("content", "help")).path(0).asBoolean()).isTrue();
                assertThat(q.emit("visitor_first_msg", Map.of("content", "hello")).path(0).asBoolean()).isTrue();
                a.await("append_unclaimed_chats", data -> visitorId(data).equals("v-queued"));
                assertThat(a.emit("staff_join", Map.of("visitor", "v-claimed")).path(0).asBoolean()).isTrue();
                assertThat(a.emit("change_chat_priority", Map.of("visitor", "v-claimed", "severity_level", 3))
                        .path(0).asBoolean()).isTrue();
                sup.await("chat_has_changed_priority_for_supervisor");

                // second sessions
                try (SocketIoTestClient again = connect(agent)) {
                    assertThat(again.await("staff_already_online").path("staff").path("id").asString())
                            .isEqualTo("agent");
                }
                SocketIoTestClient twice = SocketIoTestClient.start(Options.v4WebSocket(url(server.port()),
                        TestTokens.bearer(claimed)));
                JsonNode exists = twice.await("visitor_room_exists");
                assertThat(exists.path("visitor").path("id").asString()).isEqualTo("v-claimed");
                assertThat(exists.path("visitor").path("staff").path("id").asString()).isEqualTo("agent");
                twice.awaitDisconnected();
                twice.close();

                JsonNode before;
                try (SocketIoTestClient fresh = connect(supervisor)) {
                    before = fresh.await("staff_init");
                }
                assertThat(ids(before.path("unclaimed_chats"), true)).containsExactly("v-queued");
                assertThat(ids(before.path("offline_unclaimed_chats"), false)).containsExactly("v-offline");
                assertThat(ids(before.path("flagged_chats"), false)).containsExactly("v-claimed");
                assertThat(before.path("unclaimed_chats").path(0).path("contents").path(0).path("content").asString())
                        .isEqualTo("hello");

                try (ConfigurableApplicationContext restarted = startAnotherNode()) {
                    int port = restarted.getBean("liveChatServer", SocketIoServer.class).port();
                    try (SocketIoTestClient afterRestart = SocketIoTestClient.connect(Options.v4WebSocket(url(port),
                            TestTokens.bearer(supervisor)))) {
                        JsonNode after = afterRestart.await("staff_init");
                        for (String list : List.of("unclaimed_chats", "offline_unclaimed_chats", "flagged_chats")) {
                            assertThat(after.path(list)).as(list).isEqualTo(before.path(list));
                        }
                    }
                }

                // the offline visitor comes back: staff move the chat back, the visitor gets its history
                try (SocketIoTestClient back = connect(offline)) {
                    JsonNode init = back.await("visitor_init");
                    assertThat(init.path("staff").isNull()).isTrue();
                    assertThat(init.path("content").path(0).path("content").path("content").asString())
                            .isEqualTo("are you open?");
                    a.await("visitor_goes_online", data -> visitorId(data).equals("v-offline"));
                    a.await("remove_visitor_offline_chat", data -> visitorId(data).equals("v-offline"));
                }
            }
        }
    }

    private static String visitorId(JsonNode data) {
        return data.path("visitor").path("id").asString();
    }

    private static List<String> ids(JsonNode list, boolean nested) {
        return list.valueStream().map(item -> (nested ? item.path("visitor") : item).path("id").asString()).toList();
    }

    private SocketIoTestClient connect(AuthenticatedUser user) {
        return SocketIoTestClient.connect(Options.v4WebSocket(url(server.port()), TestTokens.bearer(user)));
    }

    private AuthenticatedUser user(String id, Role role) {
        return new AuthenticatedUser(id, id.toUpperCase(), id + "@example.com", tenant, role, null, null);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static ConfigurableApplicationContext startAnotherNode() {
        String[] arguments = Stream.concat(Stream.of(TestDatabase.properties("app_tests")), Stream.of(
                        "switchboard.auth.jwt-secret=" + TestTokens.SECRET,
                        "switchboard.data-dir=target/test-data-restarted",
                        "server.port=0"))
                .map(property -> "--" + property)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments);
    }
}
