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
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004's connect contract with both client generations: socket.io-client 2.x (Engine.IO 3, polling, token in
 * the polling transport's extra headers, HTTP 401 when missing or invalid) and 4.x (WebSocket; header or
 * {@code auth: {token}}, refusals as {@code connect_error} with the reason).
 */
@SwitchboardIntegrationTest
class LiveChatConnectionTests {

    @Autowired
    @Qualifier("liveChatServer")
    SocketIoServer server;

    private final String tenant = "org-" + UUID.randomUUID().toString().substring(0, 8);
    private final AuthenticatedUser agent = AuthenticatedUser.of("agent-1", "Agent 1", tenant, Role.AGENT);

    @Test
    void aSocketIo2ClientConnectsOverPollingWithTheTokenInAnExtraHeaderWithOrWithoutBearer() {
        try (SocketIoTestClient bare = SocketIoTestClient.connect(Options.v2Polling(url(), TestTokens.token(agent)));
             SocketIoTestClient bearer = SocketIoTestClient.connect(Options.v2Polling(url(),
                     TestTokens.bearer(agent)))) {
            assertThat(bare.disconnected()).isFalse();
            assertThat(bearer.disconnected()).isFalse();
        }
    }

    @Test
    void aSocketIo2ClientWithoutAValidTokenGets401() {
        for (String token : new String[]{null, "garbage", TestTokens.expired(agent)}) {
            try (SocketIoTestClient client = SocketIoTestClient.start(Options.v2Polling(url(), token))) {
                JsonNode outcome = client.awaitOutcome();
                assertThat(outcome.path("kind").asString()).isEqualTo("connect_error");
                assertThat(outcome.path("status").asInt()).as("token %s", token).isEqualTo(401);
            }
        }
    }

    @Test
    void aSocketIo4ClientConnectsWithAHeaderOrAnAuthToken() {
        try (SocketIoTestClient header = SocketIoTestClient.connect(Options.v4WebSocket(url(),
                TestTokens.bearer(agent)));
             SocketIoTestClient auth = SocketIoTestClient.connect(Options.v4Auth(url(), TestTokens.token(agent)))) {
            assertThat(header.disconnected()).isFalse();
            assertThat(auth.disconnected()).isFalse();
        }
    }

    @Test
    void aSocketIo4ClientWithABadOrNoTokenGetsAConnectErrorSayingWhy() {
        try (SocketIoTestClient bad = SocketIoTestClient.start(Options.v4Auth(url(), "garbage"))) {
            JsonNode outcome = bad.awaitOutcome();
            assertThat(outcome.path("kind").asString()).isEqualTo("connect_error");
            assertThat(outcome.path("message").asString()).startsWith("invalid token");
        }
        try (SocketIoTestClient none = SocketIoTestClient.start(Options.v4Auth(url(), null))) {
            assertThat(none.awaitConnectError().path("message").asString()).startsWith("no token");
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
