package io.switchboard.app.hotel;

import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.SoketiServer;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application publishing to one real soketi, shared by every subclass through one cached context. The
 * pusher settings make it a different context from the other {@link SwitchboardIntegrationTest}s, so it gets its own
 * schema: two running contexts on one event store would compete for the tracking processors' tokens.
 * <p>
 * Soketi is never closed here: the cached context outlives each subclass and still publishes to it. Its shutdown
 * hook stops it with the JVM.
 */
@SwitchboardIntegrationTest
@TestPropertySource(properties = "switchboard.test.schema=app_pusher_tests")
abstract class PusherAppTest {

    static final SoketiServer SOKETI = SoketiServer.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void pusher(DynamicPropertyRegistry registry) {
        registry.add("pusher.app-id", SOKETI::appId);
        registry.add("pusher.key", SOKETI::key);
        registry.add("pusher.secret", SOKETI::secret);
        registry.add("pusher.host", SOKETI::host);
        registry.add("pusher.port", SOKETI::port);
        registry.add("pusher.encrypted", () -> "false");
    }
}
