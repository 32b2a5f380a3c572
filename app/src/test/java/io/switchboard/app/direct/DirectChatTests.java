package io.switchboard.app.direct;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed 002 end to end: real sockets (the JDK's WebSocket client) against the whole application. */
@SwitchboardIntegrationTest
class DirectChatTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    private final String tenant = "direct-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("alice", "Alice", tenant, Role.CUSTOMER);
    private final AuthenticatedUser bob = AuthenticatedUser.of("bob", "Bob", tenant, Role.CUSTOMER);

    @Test
    void twoUsersChatAndSeePresenceInOrder() {
        try (WsClient a = chat(alice, "bob")) {
            a.await("user_join", frame -> frame.path("user").asString().equals("alice"));
            assertThat(a.types()).startsWith("online_user_list", "user_join");
            assertThat(a.frames.get(0).path("users").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("alice");

            try (WsClient b = chat(bob, "alice")) {
                b.await("user_join", frame -> frame.path("user").asString().equals("bob"));
                assertThat(b.types()).startsWith("online_user_list", "user_join");
                assertThat(b.frames.get(0).path("users").valueStream().map(JsonNode::asString).toList())
                        .containsExactly("alice", "bob");
                a.await("user_join", frame -> frame.path("user").asString().equals("bob"));

                a.send(Map.of("type", "chat_message", "message", "Hello, world!",
                        "multimedia_url", "https://cdn.example.com/cat.png"));
                JsonNode received = b.await("chat_message");
                JsonNode echoed = a.await("chat_message");
                assertThat(received.path("message").asString()).isEqualTo("Hello, world!");
                assertThat(received.path("multimedia_url").asString()).isEqualTo("https://cdn.example.com/cat.png");
                assertThat(received.path("from_user").path("username").asString()).isEqualTo("alice");
                assertThat(received.path("room").asString()).isEqualTo("alice");
                assertThat(echoed.path("room").asString()).isEqualTo("bob");
                assertThat(received.path("sequence").asLong()).isEqualTo(1);
                assertThat(received.path("id").isIntegralNumber()).isTrue();
                assertThat(received.path("conversation_id").asLong()).isEqualTo(echoed.path("conversation_id").asLong());
                assertThat(received.path("date_added").asString())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

                b.send(Map.of("type", "typing", "is_typing", true));
                JsonNode typing = a.await("user_typing");
                assertThat(typing.path("user").asString()).isEqualTo("bob");
                assertThat(typing.path("is_typing").asBoolean()).isTrue();
                assertThat(b.ofType("user_typing")).as("nobody hears their own typing").isEmpty();
            }
            a.await("user_leave", frame -> frame.path("user").asString().equals("bob"));
        }
    }

    @Test
    void readMessagesAndEveryUnreadCount() {
        try (WsClient all = notifications(bob, null);
             WsClient single = notifications(bob, "alice");
             WsClient a = chat(alice, "bob");
             WsClient b = chat(bob, "alice")) {
            assertThat(all.await("unread_count").path("unread_count").asLong()).isZero();
            assertThat(single.await("single_conversation_unread_count").path("unread_count").asLong()).isZero();
            a.await("online_user_list");
            b.await("online_user_list");

            a.send(Map.of("type", "chat_message", "message", "one"));
            a.send(Map.of("type", "chat_message", "message", "two"));
            JsonNode second = all.await("new_message_notification", frame -> frame.path("unread_count").asLong() == 2);
            assertThat(second.path("from_user").path("username").asString()).isEqualTo("alice");
            single.await("single_conversation_new_message_notification", frame -> frame.path("sequence").asLong() == 2);
            single.await("single_conversation_unread_count", frame -> frame.path("unread_count").asLong() == 2);
            assertThat(a.ofType("error")).isEmpty();

            b.send(Map.of("type", "read_messages"));
            await().atMost(Duration.ofSeconds(15)).until(() -> single.ofType("single_conversation_unread_count")
                    .stream().filter(frame -> frame.path("unread_count").asLong() == 0).count() == 2);
            await().atMost(Duration.ofSeconds(15)).until(() -> all.ofType("unread_count").size() == 2);
            assertThat(all.ofType("unread_count").get(1).path("unread_count").asLong()).isZero();

            // the sender's own messages are never unread for her
            try (WsClient aliceAll = notifications(alice, null)) {
                assertThat(aliceAll.await("unread_count").path("unread_count").asLong()).isZero();
            }
            a.send(Map.of("type", "chat_message", "message", "three"));
            all.await("new_message_notification", frame -> frame.path("unread_count").asLong() == 1);
        }
        // counts come from the read model: a new socket sees them
        try (WsClient again = notifications(bob, "alice")) {
            assertThat(again.await("single_conversation_unread_count").path("unread_count").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aUserWithTwoTabsStaysOnlineUntilTheLastCloses() {
        try (WsClient a = chat(alice, "bob")) {
            a.await("online_user_list");
            WsClient tab1 = chat(bob, "alice");
            a.await("user_join", frame -> frame.path("user").asString().equals("bob"));
            WsClient tab2 = chat(bob, "alice");
            assertThat(tab2.await("online_user_list").path("users").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("alice", "bob");
            tab2.await("user_join", frame -> frame.path("user").asString().equals("bob"));
            tab1.close();
            a.send(Map.of("type", "chat_message", "message", "still there?"));
            tab2.await("chat_message");
            assertThat(a.ofType("user_join")).filteredOn(frame -> frame.path("user").asString().equals("bob"))
                    .hasSize(1);
            assertThat(a.ofType("user_leave")).as("bob still has a tab open").isEmpty();
            tab2.abort(); // no close handshake: the server notices the dropped connection
            a.await("user_leave", frame -> frame.path("user").asString().equals("bob"));
        }
    }

    @Test
    void aReconnectingClientCatchesUpWithoutGapsOrDuplicatesWhileMessagesKeepComing() throws Exception {
        int total = 150;
        try (WsClient a = chat(alice, "bob")) {
            a.await("online_user_list");
            a.send(Map.of("type", "chat_message", "message", "m1"));
            long conversationId = a.await("chat_message").path("conversation_id").asLong();
            // The rest arrive from another entry point (the command bus), faster than a socket's rate limit allows.
            Thread sender = new Thread(() -> {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> e.printStackTrace());
                for (int i = 2; i <= total; i++) {
                    commands.sendAndWait(new SendMessage(conversationId, ConversationKind.DIRECT, alice,
                            MessageType.TEXT, "m" + i, null, List.of(), null),
                            MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null)));
                }
            });
            List<Long> seen;
            try (WsClient first = chat(bob, "alice", "last_sequence=0")) {
                first.await("online_user_list");
                sender.start();
                await().atMost(Duration.ofSeconds(20)).failFast(() -> !sender.isAlive() && first.ofType("chat_message").size() < 20)
                        .until(() -> first.ofType("chat_message").size() >= 20);
                first.abort();
                seen = first.ofType("chat_message").stream().map(frame -> frame.path("sequence").asLong()).toList();
            }
            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, seen.size()).boxed().toList());
            long last = seen.get(seen.size() - 1);
            try (WsClient second = chat(bob, "alice", "last_sequence=" + last)) {
                sender.join(60_000);
                assertThat(sender.isAlive()).isFalse();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> second.ofType("chat_message").size() >= total - last);
                List<Long> resumed = second.ofType("chat_message").stream()
                        .map(frame -> frame.path("sequence").asLong()).toList();
                assertThat(resumed).as("after %d: everything, in order, once", last)
                        .containsExactlyElementsOf(LongStream.rangeClosed(last + 1, total).boxed().toList());
                assertThat(second.types()).as("presence first, then the catch-up")
                        .startsWith("online_user_list", "user_join", "chat_message");
            }
        }
    }

    @Test
    void aResumeFrameCatchesUpAnOpenSocket() {
        try (WsClient a = chat(alice, "bob")) {
            a.await("online_user_list");
            for (int i = 1; i <= 5; i++) {
                a.send(Map.of("type", "chat_message", "message", "earlier " + i));
            }
            a.await("chat_message", frame -> frame.path("sequence").asLong() == 5);
            try (WsClient b = chat(bob, "alice")) {
                b.await("online_user_list");
                a.send(Map.of("type", "chat_message", "message", "live"));
                b.await("chat_message", frame -> frame.path("sequence").asLong() == 6);
                b.send(Map.of("type", "resume", "last_sequence", 2));
                await().atMost(Duration.ofSeconds(10)).until(() -> b.ofType("chat_message").size() == 4);
                assertThat(b.ofType("chat_message").stream().map(frame -> frame.path("sequence").asLong()))
                        .as("the live one first, then what it had not been given, ascending")
                        .containsExactly(6L, 3L, 4L, 5L);
            }
        }
    }

    @Test
    void badFramesGetAnErrorFrameAndStoreNothingAndTheSocketKeepsWorking() {
        try (WsClient a = chat(alice, "bob")) {
            a.await("online_user_list");
            a.send(Map.of("type", "chat_message", "message", "first"));
            long conversationId = a.await("chat_message").path("conversation_id").asLong();
            long events = events(conversationId);

            a.sendText("not json");
            assertThat(a.await("error").path("code").asString()).isEqualTo("invalid_json");
            a.sendText("[1,2]");
            a.sendText("{\"message\":\"no type\"}");
            a.await("error", frame -> frame.path("code").asString().equals("missing_type"));
            a.sendText("{\"type\":\"shout\"}");
            a.await("error", frame -> frame.path("code").asString().equals("unknown_type"));
            a.sendText("{\"type\":7}");
            a.sendText("{\"type\":\"chat_message\",\"message\":42}");
            a.sendText("{\"type\":\"chat_message\",\"message\":\"x\",\"multimedia_url\":[\"a\"]}");
            a.sendText("{\"type\":\"typing\",\"is_typing\":\"yes\"}");
            a.sendText("{\"type\":\"resume\",\"last_sequence\":-1}");
            a.sendText("{\"type\":\"chat_message\",\"message\":\"a\",\"message\":\"b\"}");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.ofType("error").stream().filter(f -> f.path("code").asString()
                            .equals("invalid_field")).count() == 5);
            a.sendText("{\"type\":\"chat_message\",\"message\":\"\"}");
            a.await("error", frame -> frame.path("code").asString().equals("message_empty"));
            a.sendText("{\"type\":\"chat_message\",\"message\":\"\\ud800 lone\"}");
            a.await("error", frame -> frame.path("code").asString().equals("invalid_characters"));
            a.sendText("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(10_001) + "\"}");
            a.await("error", frame -> frame.path("code").asString().equals("message_too_long"));
            a.sendBinary(new byte[]{1, 2, 3});
            a.await("error", frame -> frame.path("code").asString().equals("binary_not_supported"));
            // the payload cannot speak for someone else
            a.send(Map.of("type", "chat_message", "message", "as bob?", "from_user", Map.of("username", "bob")));
            JsonNode mine = a.await("chat_message", frame -> frame.path("message").asString().equals("as bob?"));
            assertThat(mine.path("from_user").path("username").asString()).isEqualTo("alice");
            assertThat(events(conversationId)).as("only the one valid message was stored").isEqualTo(events + 1);
        }
    }

    @Test
    void aFloodIsRateLimitedAndTheSocketSurvives() {
        try (WsClient a = chat(alice, "bob")) {
            a.await("online_user_list");
            for (int i = 0; i < 200; i++) {
                a.sendText("{\"type\":\"typing\",\"is_typing\":true}");
            }
            assertThat(a.await("error", frame -> frame.path("code").asString().equals("rate_limited"))
                    .path("message").asString()).contains("frames a second");
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                a.send(Map.of("type", "chat_message", "message", "after the flood"));
                return !a.ofType("chat_message").isEmpty();
            });
            assertThat(a.isOpen()).isTrue();
        }
    }

    @Test
    void anOversizeFrameClosesTheSocketWith1009AndTheServerGoesOn() {
        WsClient a = chat(alice, "bob");
        a.await("online_user_list");
        a.sendText("{\"type\":\"chat_message\",\"message\":\"" + "x".repeat(70_000) + "\"}");
        await().atMost(Duration.ofSeconds(10)).until(a.closedWith::isDone);
        assertThat(a.closedWith.join()).isEqualTo(1009);
        try (WsClient again = chat(alice, "bob")) {
            again.send(Map.of("type", "chat_message", "message", "small"));
            again.await("chat_message");
        }
    }

    @Test
    void handshakesWithoutAValidTokenAreRefusedWith401() {
        String url = base() + "/ws/bob/";
        assertThat(WsClient.refusal(url, Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(url + "?token=garbage", Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(url + "?token=" + TestTokens.expired(alice), Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(url + "?token=" + TestTokens.signedWith(alice,
                "another-secret-another-secret-another-secret"), Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(base() + "/ws/notifications/", Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(base() + "/ws/notifications/bob/", Map.of())).isEqualTo(401);
        assertThat(WsClient.refusal(base() + "/ws/alice/?token=" + TestTokens.token(alice), Map.of()))
                .as("a chat with oneself").isEqualTo(400);
        assertThat(WsClient.refusal(url + "?last_sequence=x&token=" + TestTokens.token(alice), Map.of()))
                .isEqualTo(400);
        try (WsClient header = WsClient.connect(url, Map.of("Authorization", TestTokens.bearer(alice)))) {
            header.await("online_user_list");
        }
    }

    @Test
    void theUsernameClaimNamesTheUserAndTenantsNeverMeet() {
        AuthenticatedUser carol = new AuthenticatedUser("sub-77", "Carol", null, tenant, Role.CUSTOMER, null, null,
                "carol");
        AuthenticatedUser otherTenantsAlice = AuthenticatedUser.of("alice", "Alice", tenant + "-x", Role.CUSTOMER);
        try (WsClient c = chat(carol, "alice");
             WsClient a = chat(alice, "carol");
             WsClient intruder = chat(otherTenantsAlice, "carol")) {
            c.await("online_user_list");
            assertThat(a.await("online_user_list").path("users").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("alice", "carol");
            c.await("user_join", frame -> frame.path("user").asString().equals("alice"));
            c.send(Map.of("type", "chat_message", "message", "hi alice"));
            JsonNode received = a.await("chat_message");
            assertThat(received.path("from_user").path("username").asString()).isEqualTo("carol");
            intruder.await("online_user_list");
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(intruder.ofType("chat_message")).isEmpty();
            assertThat(intruder.frames.get(0).path("users").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("alice");
            assertThat(c.ofType("user_join")).extracting(frame -> frame.path("user").asString())
                    .containsOnly("carol", "alice");
            intruder.send(Map.of("type", "chat_message", "message", "anyone?"));
            assertThat(intruder.await("chat_message").path("conversation_id").asLong())
                    .isNotEqualTo(received.path("conversation_id").asLong());
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            assertThat(c.ofType("chat_message")).hasSize(1);
        }
    }

    private long events(long conversationId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, String.valueOf(conversationId));
    }

    private WsClient chat(AuthenticatedUser user, String with, String... query) {
        return WsClient.connect(base() + "/ws/" + with + "/?token=" + TestTokens.token(user)
                + (query.length == 0 ? "" : "&" + String.join("&", query)));
    }

    private WsClient notifications(AuthenticatedUser user, String with) {
        return WsClient.connect(base() + "/ws/notifications/" + (with == null ? "" : with + "/") + "?token="
                + TestTokens.token(user));
    }

    private String base() {
        return "ws://127.0.0.1:" + port;
    }
}
