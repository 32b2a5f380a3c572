package io.switchboard.realtime.socketio;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.corundumstudio.socketio.protocol.PacketType;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.realtime.hub.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * One netty-socketio server (default namespace, path {@code /socket.io}) serving one dialect, shared by every
 * Socket.IO dialect so each authenticates, acks, limits and is tested the same way.
 * <p>
 * <b>Authentication.</b> The token comes in the {@code Authorization} header ("Bearer " optional; socket.io-client
 * 2.x sends it through the polling transport's extra headers), as {@code ?token=}, or — Engine.IO 4 clients only —
 * in the Socket.IO {@code auth: {token}} payload (browsers cannot set headers). A bad header/query token, or none on
 * an Engine.IO 3 handshake, answers the handshake with HTTP 401. A bad {@code auth} token answers the namespace
 * connect with a {@code connect_error} whose message says why; an Engine.IO 4 client with no token at all is
 * connected, told why in a {@code connect_error}, and disconnected.
 * <p>
 * netty-socketio fires the default namespace's connect listener at the handshake, before an Engine.IO 4 client's
 * {@code CONNECT} packet (and its {@code auth}) arrives. So for Engine.IO 4 the first call only takes the client out
 * of the namespace's room; the {@code CONNECT} packet puts it back and fires the listener again, after the auth
 * check and after the connect acknowledgement went out: only then does the dialect see the client.
 */
public final class SocketIoServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketIoServer.class);
    private static final String USER = "switchboard.user";
    private static final String CONNECT_SEEN = "switchboard.connect-seen";
    private static final String CLIENT = "switchboard.client";

    private final SocketIoSettings settings;
    private final TokenVerifier tokens;
    private final SocketIoDialect dialect;
    private final int port;
    /**
     * Where client events are handled: sending a command runs it (and its database transaction) on the calling thread,
     * which must not be one of netty's few I/O threads that also write every outgoing frame.
     */
    private final java.util.concurrent.ExecutorService workers;
    private com.corundumstudio.socketio.SocketIOServer server;
    private volatile boolean running;

    public SocketIoServer(SocketIoSettings settings, TokenVerifier tokens, SocketIoDialect dialect) {
        this.settings = settings;
        this.tokens = tokens;
        this.dialect = dialect;
        this.port = settings.port() == 0 ? freePort() : settings.port();
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        this.workers = java.util.concurrent.Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, settings.name() + "-events-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static final int WORKER_THREADS = 16;

    /** The port it listens on (chosen at construction when configured as 0). */
    public int port() {
        return port;
    }

    @Override
    public void start() {
        Configuration configuration = new Configuration();
        configuration.setPort(port);
        configuration.setMaxFramePayloadLength(settings.maxPayloadBytes());
        configuration.setMaxHttpContentLength(settings.maxPayloadBytes());
        configuration.setAuthorizationListener(this::authorize);
        configuration.setJsonSupport(new NullKeepingJsonSupport());
        // permessage-deflate costs ~100 KiB outside the heap per WebSocket (bench/README.md, live chat); chat frames are
        // small, so the saving is not worth it
        configuration.setWebsocketCompression(false);
        // events are answered later, from the worker pool: no empty automatic ack when the listener returns
        configuration.setAckMode(AckMode.MANUAL);
        configuration.setPingInterval((int) settings.pingInterval().toMillis());
        configuration.setPingTimeout((int) settings.pingTimeout().toMillis());
        SocketConfig socket = new SocketConfig();
        socket.setReuseAddress(true); // restart without waiting for TIME_WAIT sockets of the previous run
        configuration.setSocketConfig(socket);
        server = new com.corundumstudio.socketio.SocketIOServer(configuration);
        server.addConnectListener(this::connected);
        server.addDisconnectListener(this::disconnected);
        server.getNamespace("").addAuthTokenListener(this::authorize);
        dialect.events().forEach((event, handler) -> server.addEventListener(event, Object.class,
                (client, data, ackRequest) -> handle(client, event, handler, data, new SocketIoAck(ackRequest))));
        server.start();
        running = true;
        log.info("{} Socket.IO server listening on port {}", settings.name(), port);
    }

    @Override
    public void stop() {
        running = false;
        if (server != null) {
            server.stop();
        }
        workers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private AuthorizationResult authorize(HandshakeData handshake) {
        String token = handshake.getHttpHeaders().get("Authorization");
        if (token == null) {
            token = handshake.getSingleUrlParam("token");
        }
        if (token == null) {
            // Engine.IO 4 clients may still send one in their CONNECT packet's auth payload; 3 cannot.
            return "4".equals(handshake.getSingleUrlParam("EIO")) ? AuthorizationResult.SUCCESSFUL_AUTHORIZATION
                    : AuthorizationResult.FAILED_AUTHORIZATION;
        }
        try {
            return new AuthorizationResult(true, Map.of(USER, tokens.verify(token)));
        } catch (InvalidTokenException | IllegalArgumentException e) {
            log.debug("{}: handshake refused: {}", settings.name(), e.getMessage());
            return AuthorizationResult.FAILED_AUTHORIZATION;
        }
    }

    private AuthTokenResult authorize(Object authData, SocketIOClient client) {
        Object token = authData instanceof Map<?, ?> auth ? auth.get("token") : null;
        if (client.get(USER) != null && token == null) {
            return AuthTokenResult.AuthTokenResultSuccess;
        }
        if (!(token instanceof String text)) {
            return new AuthTokenResult(false, Map.of("message", "no token: send auth {token}, an Authorization "
                    + "header or ?token="));
        }
        try {
            client.set(USER, tokens.verify(text));
            return AuthTokenResult.AuthTokenResultSuccess;
        } catch (InvalidTokenException | IllegalArgumentException e) {
            return new AuthTokenResult(false, Map.of("message", "invalid token: " + e.getMessage()));
        }
    }

    private void connected(SocketIOClient client) {
        if (client.getEngineIOVersion() == EngineIOVersion.V4 && client.get(CONNECT_SEEN) == null) {
            client.set(CONNECT_SEEN, Boolean.TRUE);
            client.leaveRoom(""); // so the CONNECT packet's own connect fires the listener again (class comment)
            return;
        }
        AuthenticatedUser user = client.get(USER);
        if (user == null) {
            Packet refusal = new Packet(PacketType.MESSAGE, client.getEngineIOVersion());
            refusal.setSubType(PacketType.ERROR);
            refusal.setNsp("");
            refusal.setData(Map.of("message", "no token: send auth {token}, an Authorization header or ?token="));
            client.send(refusal);
            client.disconnect();
            return;
        }
        SocketIoClient wrapped = new SocketIoClient(client, user,
                new RateLimiter(settings.eventsPerSecond(), settings.eventBurst()));
        client.set(CLIENT, wrapped);
        try {
            dialect.connected(wrapped);
        } catch (RuntimeException e) {
            log.warn("{}: setting up a connection of {} failed", settings.name(), user.userId(), e);
            client.disconnect();
        }
    }

    private void disconnected(SocketIOClient client) {
        SocketIoClient wrapped = client.get(CLIENT);
        if (wrapped != null) {
            wrapped.disconnected();
            try {
                dialect.disconnected(wrapped);
            } catch (RuntimeException e) {
                log.warn("{}: tidying up a connection of {} failed", settings.name(), wrapped.user().userId(), e);
            }
        }
    }

    private void handle(SocketIOClient raw, String event, SocketIoEventHandler handler, Object data, SocketIoAck ack) {
        SocketIoClient client = raw.get(CLIENT);
        if (client == null) {
            dialect.refuse(ack, "not connected: authenticate first");
            return;
        }
        if (!client.rate().admit()) {
            dialect.refuse(ack, "rate limited: more than " + settings.eventsPerSecond() + " events a second (bursts of "
                    + settings.eventBurst() + ")");
            return;
        }
        client.enqueue(() -> {
            try {
                handler.handle(client, data, ack);
            } catch (RuntimeException e) {
                log.warn("{}: {} from {} failed", settings.name(), event, client.user().userId(), e);
                dialect.refuse(ack, "the server could not take this now; try again");
            }
        }, workers);
    }

    /** netty-socketio drops null values; the seeds' payloads show them ({@code "display_name": null}). */
    private static final class NullKeepingJsonSupport extends JacksonJsonSupport {
        @Override
        protected void init(ObjectMapper objectMapper) {
            super.init(objectMapper);
            objectMapper.setSerializationInclusion(JsonInclude.Include.ALWAYS);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
