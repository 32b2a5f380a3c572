package io.switchboard.app.support;

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
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 003 end to end with real socket.io-client 4.x clients: rooms, robots, dashboard, acks, refusals. */
@SwitchboardIntegrationTest
class SupportConversationTests {

    @Autowired
    @Qualifier("supportServer")
    SocketIoServer server;

    private final String tenant = "sup-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser customer = AuthenticatedUser.of("cust-1", "Carla", tenant, Role.CUSTOMER);
    private final AuthenticatedUser agent = AuthenticatedUser.of("agent-1", "Andy", tenant, Role.AGENT);
    private final AuthenticatedUser supervisor = AuthenticatedUser.of("sup-1", "Sam", tenant, Role.SUPERVISOR);
    private final AuthenticatedUser robot = AuthenticatedUser.of("bot-1", "Helper Bot", tenant, Role.ROBOT);

    @Test
    void customerAndAgentChatRobotsStayHiddenUntilSharedAndTheDashboardSeesIt() {
        try (SocketIoTestClient sup = connect(supervisor); SocketIoTestClient c = connect(customer);
             SocketIoTestClient a = connect(agent); SocketIoTestClient r = connect(robot)) {
            JsonNode joined = sup.emit("join_dashboard").path(0);
            assertThat(joined.path("success").asBoolean()).isTrue();
            assertThat(joined.path("message").asString()).isNotBlank();
            JsonNode refusedDashboard = c.emit("join_dashboard").path(0);
            assertThat(refusedDashboard.path("success").asBoolean()).isFalse();
            assertThat(refusedDashboard.path("error").asString()).contains("agents and supervisors");

            JsonNode join = c.emit("join_room", Map.of("conversationId", "conv-1", "userId", "cust-1",
                    "userRole", "cx-customer")).path(0);
            assertThat(join.path("success").asBoolean()).as("%s", join).isTrue();
            assertThat(join.path("participant").path("userRole").asString()).isEqualTo("cx-customer");
            JsonNode created = sup.await("conversation_created");
            assertThat(created.path("conversation").path("id").asString()).isEqualTo("conv-1");
            assertThat(created.path("createdBy").asString()).isEqualTo("cust-1");
            assertThat(created.path("initialParticipants").path(0).path("userId").asString()).isEqualTo("cust-1");

            assertThat(a.emit("join_room", Map.of("conversationId", "conv-1", "userId", "agent-1",
                    "userRole", "cx-agent")).path(0).path("success").asBoolean()).isTrue();
            assertThat(c.await("user_joined").path("participant").path("userId").asString()).isEqualTo("agent-1");
            sup.await("conversation_participant_added", data -> data.path("participant").path("userId").asString()
                    .equals("agent-1") && data.path("action").asString().equals("added"));

            JsonNode stored = c.emit("send_message", Map.of("conversationId", "conv-1", "fromUserId", "cust-1",
                    "fromRole", "cx-customer", "content", "Hello, I need help!", "type", "text")).path(0);
            assertThat(stored.path("id").isString()).isTrue();
            assertThat(stored.path("conversationId").asString()).isEqualTo("conv-1");
            assertThat(stored.path("isVisible").asBoolean()).isTrue();
            assertThat(a.await("new_message").path("content").asString()).isEqualTo("Hello, I need help!");
            assertThat(sup.await("conversation_updated").path("changes").path("messageCount").asLong()).isEqualTo(1);

            assertThat(r.emit("join_room", Map.of("conversationId", "conv-1", "userId", "bot-1",
                    "userRole", "robot")).path(0).path("success").asBoolean()).isTrue();
            JsonNode suggestion = r.emit("send_message", Map.of("conversationId", "conv-1", "fromUserId", "bot-1",
                    "fromRole", "robot", "content", "Try restarting it", "type", "robot")).path(0);
            assertThat(suggestion.path("isVisible").asBoolean()).isFalse();
            a.await("new_message", message -> message.path("type").asString().equals("robot"));

            JsonNode shared = a.emit("share_robot_message", Map.of("originalMessageId", suggestion.path("id").asString(),
                    "conversationId", "conv-1", "fromUserId", "agent-1")).path(0);
            assertThat(shared.path("success").asBoolean()).as("%s", shared).isTrue();
            JsonNode visible = c.await("new_message", message -> message.path("content").asString()
                    .equals("Try restarting it"));
            assertThat(visible.path("isVisible").asBoolean()).isTrue();
            assertThat(visible.path("sharedFromMessageId").asString()).isEqualTo(suggestion.path("id").asString());
            JsonNode again = a.emit("share_robot_message", Map.of("originalMessageId", suggestion.path("id").asString(),
                    "conversationId", "conv-1", "fromUserId", "agent-1")).path(0);
            assertThat(again.path("success").asBoolean()).isFalse();
            assertThat(again.path("error").asString()).contains("already_shared");

            // nobody acts as someone else
            JsonNode impersonation = c.emit("send_message", Map.of("conversationId", "conv-1", "fromUserId",
                    "agent-1", "fromRole", "cx-agent", "content", "I am the agent")).path(0);
            assertThat(impersonation.path("success").asBoolean()).isFalse();
            assertThat(impersonation.path("error").asString()).contains("fromUserId");

            JsonNode customerView = c.emit("get_messages", Map.of("conversationId", "conv-1")).path(0);
            assertThat(customerView.valueStream().map(m -> m.path("content").asString()).toList())
                    .containsExactly("Hello, I need help!", "Try restarting it");
            JsonNode agentView = a.emit("get_messages", Map.of("conversationId", "conv-1", "limit", 2)).path(0);
            assertThat(agentView.valueStream().map(m -> m.path("type").asString()).toList())
                    .containsExactly("text", "robot");
            JsonNode catchUp = a.emit("get_messages", Map.of("conversationId", "conv-1", "afterSequence", 2)).path(0);
            assertThat(catchUp.valueStream().map(m -> m.path("sequence").asLong()).toList()).containsExactly(3L);
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(c.events("new_message")).as("once each, never the robot's original").hasSize(2);

            // a typing indicator never stopped stops by itself
            assertThat(a.emit("typing_start", Map.of("conversationId", "conv-1", "userId", "agent-1",
                    "userName", "Andy")).path(0).path("success").asBoolean()).isTrue();
            assertThat(c.await("user_typing").path("isTyping").asBoolean()).isTrue();
            c.await("user_typing", data -> !data.path("isTyping").asBoolean());

            assertThat(a.emit("leave_room", Map.of("conversationId", "conv-1", "userId", "agent-1")).path(0)
                    .path("success").asBoolean()).isTrue();
            assertThat(c.await("user_left").path("userId").asString()).isEqualTo("agent-1");
            sup.await("conversation_participant_removed");
        }
    }

    @Test
    void badInputIsRefusedWithAClearErrorAndTheConnectionKeepsWorking() {
        try (SocketIoTestClient c = connect(customer)) {
            assertThat(error(c.emit("join_room", Map.of("userId", "cust-1", "userRole", "cx-customer"))))
                    .contains("conversationId");
            assertThat(error(c.emit("join_room", Map.of("conversationId", "x".repeat(101), "userId", "cust-1",
                    "userRole", "cx-customer")))).contains("100");
            assertThat(error(c.emit("join_room", Map.of("conversationId", "c2", "userId", "cust-1",
                    "userRole", "cx-agent")))).contains("userRole");
            assertThat(error(c.emit("send_message", "text"))).contains("data");
            assertThat(error(c.emit("send_message", Map.of("conversationId", "c2", "fromUserId", "cust-1",
                    "fromRole", "cx-customer", "content", 5)))).contains("content");
            assertThat(error(c.emit("send_message", Map.of("conversationId", "c2", "fromUserId", "cust-1",
                    "fromRole", "cx-customer", "content", "x".repeat(10_001))))).contains("message_too_long");
            assertThat(error(c.emit("send_message", Map.of("conversationId", "c2", "fromUserId", "cust-1",
                    "fromRole", "cx-customer", "content", "hi", "type", "robot")))).isNotBlank();
            assertThat(error(c.emit("get_messages", Map.of("conversationId", "nope")))).contains("does not exist");
            assertThat(error(c.emit("get_messages", Map.of("conversationId", "nope", "limit", 500))))
                    .contains("limit");
            assertThat(error(c.emit("share_robot_message", Map.of("originalMessageId", "abc",
                    "conversationId", "c2", "fromUserId", "cust-1")))).contains("originalMessageId");
            JsonNode ok = c.emit("send_message", Map.of("conversationId", "c2", "fromUserId", "cust-1",
                    "fromRole", "cx-customer", "content", "still works")).path(0);
            assertThat(ok.path("content").asString()).isEqualTo("still works");
        }
    }

    @Test
    void connectionsWithoutAValidTokenAreRefusedSayingWhy() {
        try (SocketIoTestClient none = SocketIoTestClient.start(Options.v4Auth(url(), null))) {
            assertThat(none.awaitConnectError().path("message").asString()).startsWith("no token");
        }
        try (SocketIoTestClient bad = SocketIoTestClient.start(Options.v4Auth(url(), "garbage"))) {
            assertThat(bad.awaitConnectError().path("message").asString()).startsWith("invalid token");
        }
    }

    private static String error(JsonNode ack) {
        assertThat(ack.path(0).path("success").asBoolean()).as("%s", ack).isFalse();
        return ack.path(0).path("error").asString();
    }

    private SocketIoTestClient connect(AuthenticatedUser user) {
        return SocketIoTestClient.connect(Options.v4Auth(url(), TestTokens.token(user)));
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
