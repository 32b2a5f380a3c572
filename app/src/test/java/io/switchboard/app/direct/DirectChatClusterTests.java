package io.switchboard.app.direct;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardApplication;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes on one PostgreSQL and one Redis: node A is a separate JVM (so it can be killed without a
 * word), node B runs in this one. A message sent through B reaches a socket on A at once (not after the one-second
 * poll), presence and typing cross between them, and when A dies its users leave presence within the node expiry.
 */
class DirectChatClusterTests {

    private static final String SCHEMA = "cluster_tests";
    private static final Duration NODE_EXPIRY = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Process nodeA;
    private static int portA;
    private static ConfigurableApplicationContext nodeB;
    private static int portB;

    private final String tenant = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser alice = AuthenticatedUser.of("alice", "Alice", tenant, Role.CUSTOMER);
    private final AuthenticatedUser bob = AuthenticatedUser.of("bob", "Bob", tenant, Role.CUSTOMER);

    @BeforeAll
    static void startTwoNodes() throws Exception {
        // Node B first: it prepares the schema and runs the migrations both nodes use.
        nodeB = new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments("node-b", 0));
        portB = nodeB.getEnvironment().getProperty("local.server.port", Integer.class);
        portA = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), SwitchboardApplication.class.getName()));
        command.addAll(List.of(arguments("node-a", portA)));
        File log = new File("target/cluster-node-a.log");
        nodeA = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!nodeA.isAlive()) {
                throw new AssertionError("node A exited; see " + log.getAbsolutePath());
            }
            return healthy(portA);
        });
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.destroyForcibly();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void deliveryPresenceAndTypingCrossNodesAndADeadNodesUsersLeave() {
        TestDatabase.postgresAvailable();
        WsClient bobOnA = connect(portA, bob, "alice");
        bobOnA.await("online_user_list");
        try (WsClient aliceOnB = connect(portB, alice, "bob")) {
            assertThat(aliceOnB.await("online_user_list").path("users").valueStream().map(JsonNode::asString).toList())
                    .as("bob, connected to the other node, is online").containsExactly("alice", "bob");
            bobOnA.await("user_join", frame -> frame.path("user").asString().equals("alice"));

            aliceOnB.send(Map.of("type", "typing", "is_typing", true));
            assertThat(bobOnA.await("user_typing").path("user").asString()).isEqualTo("alice");

            int messages = 30;
            for (int i = 1; i <= messages; i++) {
                aliceOnB.send(Map.of("type", "chat_message", "message", "hello " + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> bobOnA.ofType("chat_message").size() == messages);
            assertThat(bobOnA.ofType("chat_message").stream().map(frame -> frame.path("sequence").asLong()))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, messages).boxed().toList());
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                JsonNode frame = bobOnA.ofType("chat_message").get(i);
                latencies.add(Duration.between(Instant.parse(frame.path("date_added").asString()),
                        bobOnA.receivedAt(frame)).toMillis());
            }
            Collections.sort(latencies);
            System.out.printf("cross-node send -> socket, ms: p50 %d, max %d%n", latencies.get(messages / 2),
                    latencies.get(messages - 1));
            assertThat(latencies.get(messages / 2)).as("median send -> other node's socket, ms (the idle poll is "
                    + "1000)").isLessThan(300);

            nodeA.destroyForcibly(); // no goodbye: its presence entries stay in Redis until it is found dead
            Instant killed = Instant.now();
            aliceOnB.await("user_leave", frame -> frame.path("user").asString().equals("bob"));
            assertThat(Duration.between(killed, Instant.now()))
                    .isLessThan(NODE_EXPIRY.plus(NODE_EXPIRY).plusSeconds(2));

            // node B goes on serving, and bob catches up there
            aliceOnB.send(Map.of("type", "chat_message", "message", "are you there?"));
            aliceOnB.await("chat_message", frame -> frame.path("sequence").asLong() == messages + 1);
            try (WsClient bobOnB = connect(portB, bob, "alice", "last_sequence=" + messages)) {
                assertThat(bobOnB.await("chat_message").path("message").asString()).isEqualTo("are you there?");
                // bob was online before alice came, so this is the first time she hears him join
                aliceOnB.await("user_join", frame -> frame.path("user").asString().equals("bob"));
            }
        }
    }

    private static WsClient connect(int port, AuthenticatedUser user, String with, String... query) {
        return WsClient.connect("ws://127.0.0.1:" + port + "/ws/" + with + "/?token=" + TestTokens.token(user)
                + (query.length == 0 ? "" : "&" + String.join("&", query)));
    }

    private static String[] arguments(String node, int port) {
        return Stream.concat(Stream.of(TestDatabase.properties(SCHEMA)), Stream.of(
                        "switchboard.auth.jwt-secret=" + TestTokens.SECRET,
                        "switchboard.data-dir=target/test-data-" + node,
                        "switchboard.redis.url=redis://127.0.0.1:6379",
                        "switchboard.hub.node-expiry=" + NODE_EXPIRY.toSeconds() + "s",
                        "server.port=" + port))
                .map(property -> "--" + property)
                .toArray(String[]::new);
    }

    private static boolean healthy(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
