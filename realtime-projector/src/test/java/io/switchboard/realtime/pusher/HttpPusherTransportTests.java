package io.switchboard.realtime.pusher;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.realtime.pusher.PusherTransport.PusherTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport against a local HTTP server that answers as told (soketi checks it for real in the end-to-end tests). */
class HttpPusherTransportTests {

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastQuery = new AtomicReference<>();
    private final HttpServer server = startServer();

    private HttpServer startServer() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/", exchange -> {
                lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                lastQuery.set(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.get(), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpPusherTransport transportTo(int port) {
        return new HttpPusherTransport(new PusherProperties("app-1", "key-1", "secret-1", null, "127.0.0.1", port,
                false, Duration.ofMinutes(10), Duration.ofSeconds(2),
                new PusherProperties.Retry(3, Duration.ofMillis(1))));
    }

    @Test
    void postsSignedEventsWhoseDataIsTheEnvelopeTextNotAStringOfIt() {
        try (HttpPusherTransport transport = transportTo(server.getAddress().getPort())) {
            transport.trigger(List.of("h.staff-chat.1", "h.staff-2-notifications"), "realtime_staff_chat_message_created",
                    "{\"category\":\"staff_chat\",\"payload\":{\"id\":1}}");
        }

        JsonNode body = JsonMapper.builder().build().readTree(lastBody.get());
        assertThat(lastQuery.get()).startsWith("/apps/app-1/events?").contains("auth_key=key-1", "auth_signature=");
        assertThat(body.get("name").stringValue()).isEqualTo("realtime_staff_chat_message_created");
        assertThat(body.get("channels").values()).extracting(JsonNode::stringValue)
                .containsExactly("h.staff-chat.1", "h.staff-2-notifications");
        assertThat(body.get("data").stringValue()).isEqualTo("{\"category\":\"staff_chat\",\"payload\":{\"id\":1}}");
    }

    @Test
    void signsTheRequestAsPushersRestApiSpecifies() throws Exception {
        try (HttpPusherTransport transport = transportTo(server.getAddress().getPort())) {
            transport.trigger(List.of("h.staff-chat.1"), "e", "{\"a\":1}");
        }

        String pathAndQuery = lastQuery.get();
        String path = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
        String query = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1);
        java.util.TreeMap<String, String> parameters = new java.util.TreeMap<>();
        for (String pair : query.split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        String signature = parameters.remove("auth_signature");
        String signed = "POST\n" + path + "\n" + String.join("&", parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        java.util.HexFormat hex = java.util.HexFormat.of();

        assertThat(parameters).containsEntry("auth_key", "key-1").containsEntry("auth_version", "1.0")
                .containsEntry("body_md5", hex.formatHex(java.security.MessageDigest.getInstance("MD5")
                        .digest(lastBody.get().getBytes(StandardCharsets.UTF_8))));
        assertThat(Long.parseLong(parameters.get("auth_timestamp")))
                .isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
        assertThat(signature).isEqualTo(hex.formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @CsvSource({"500, true", "503, true", "429, true", "408, true", "400, false", "401, false", "403, false",
            "404, false", "413, false"})
    void classifiesHttpFailures(int httpStatus, boolean transientFailure) {
        status.set(httpStatus);
        try (HttpPusherTransport transport = transportTo(server.getAddress().getPort())) {
            assertThatThrownBy(() -> transport.trigger(List.of("h.staff-chat.1"), "e", "{}"))
                    .isInstanceOfSatisfying(PusherTransportException.class, e -> {
                        assertThat(e.isTransient()).isEqualTo(transientFailure);
                        assertThat(e.getMessage()).contains("HTTP " + httpStatus);
                    });
        }
    }

    @Test
    void treatsAnUnreachableServerAsTransient() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (HttpPusherTransport transport = transportTo(closedPort)) {
            assertThatThrownBy(() -> transport.trigger(List.of("h.staff-chat.1"), "e", "{}"))
                    .isInstanceOfSatisfying(PusherTransportException.class,
                            e -> assertThat(e.isTransient()).isTrue());
        }
    }
}
