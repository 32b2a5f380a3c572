package io.switchboard.bench.writepath;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.bench.SwitchboardServer;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hotel REST endpoints the benchmark uses, over HTTP/1.1 with a connection per concurrent request, as browsers
 * and the hotel frontends talk to the server: sends through {@link PlainHttp} (lean, since they are the measured
 * load), setup and polling through the JDK's HttpClient. Staff ids are numbers, so the answers carry them as JSON
 * numbers.
 */
final class HotelApi {

    static final String HOTEL = "bench-hotel";
    /** Creates the conversations and polls the message pages; a participant of every conversation. */
    static final String CREATOR = "1000";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final PlainHttp sends;
    private final SwitchboardServer server;
    private final Duration requestTimeout;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** @param maxConcurrentSends threads for {@link #sendAsync} (the open loop's in-flight bound) */
    HotelApi(SwitchboardServer server, Duration requestTimeout, int maxConcurrentSends) {
        this.server = server;
        this.requestTimeout = requestTimeout;
        URI base = URI.create(server.url("/"));
        this.sends = new PlainHttp(base.getHost(), base.getPort(), requestTimeout, maxConcurrentSends);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sender ids 1001, 1002, …: one distinct staff member (and token) per client. */
    static List<String> senders(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(String.valueOf(1000 + i));
        }
        return ids;
    }

    String token(String staffId) {
        return tokens.computeIfAbsent(staffId,
                id -> TestTokens.token(AuthenticatedUser.of(id, "Staff " + id, HOTEL, Role.STAFF)));
    }

    /** {@code POST /api/staff/hotels/{hotel}/staff-chat/conversations/} by {@link #CREATOR}; returns the id. */
    long createStaffChat(List<String> participantIds, String title) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("participant_ids", participantIds.stream().map(Long::valueOf)
                .toList(), "title", title));
        HttpResponse<String> response = http.send(post("/api/staff/hotels/" + HOTEL + "/staff-chat/conversations/",
                token(CREATOR), body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating a staff chat answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body()).get("id").asLong();
    }

    /** Seed 000's send URL; {@code text} and {@code clientMessageId} are unique per send, so both identify it. */
    PlainHttp.Request sendRequest(long conversationId, String senderId, String text, String clientMessageId) {
        String body = JSON.writeValueAsString(Map.of("message", text, "client_message_id", clientMessageId));
        return sends.post("/api/staff-chat/" + HOTEL + "/conversations/" + conversationId + "/send-message/",
                "Bearer " + token(senderId), body);
    }

    /** Sends and classifies; never throws for a refused or failed request (it is counted, not fatal). */
    SendResult send(PlainHttp.Request request) {
        long start = System.nanoTime();
        try {
            return SendResult.of(sends.exchange(request), start, System.nanoTime());
        } catch (IOException e) {
            return SendResult.failed(e, start, System.nanoTime());
        }
    }

    /** As {@link #send}, on a sending thread; the future always completes normally. */
    CompletableFuture<SendResult> sendAsync(PlainHttp.Request request) {
        long start = System.nanoTime();
        return sends.exchangeAsync(request).handle((response, failure) -> {
            long end = System.nanoTime();
            if (failure == null) {
                return SendResult.of(response, start, end);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return SendResult.failed(cause, start, end);
        });
    }

    void close() {
        sends.close();
    }

    /**
     * The ids on the newest page ({@code limit} messages) of a conversation, as a participant sees it, or an empty
     * list when the request failed.
     */
    List<Long> newestMessageIds(long conversationId, int limit) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/staff/hotels/" + HOTEL
                        + "/staff-chat/conversations/" + conversationId + "/messages/?limit=" + limit)))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token(CREATOR))
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of();
            }
            List<Long> ids = new ArrayList<>();
            for (JsonNode message : JSON.readTree(response.body()).get("results")) {
                ids.add(message.get("id").asLong());
            }
            return ids;
        } catch (IOException e) {
            return List.of();
        }
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(server.url(path)))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** The outcome of one send. {@code messageId} is the answered message's id on a 2xx, else -1. */
    record SendResult(Outcome outcome, int status, long messageId, long startNanos, long endNanos, String error) {

        enum Outcome {
            /** 2xx: the message is stored. */
            CREATED,
            /** 4xx: refused, nothing stored. */
            REFUSED,
            /** 5xx: failed; may or may not have been stored. */
            SERVER_ERROR,
            /** no answer within the request timeout; may or may not have been stored. */
            TIMEOUT,
            /** connection failed; may or may not have been stored. */
            IO_ERROR
        }

        static SendResult of(PlainHttp.Response response, long start, long end) {
            int status = response.status();
            if (status / 100 == 2) {
                return new SendResult(Outcome.CREATED, status, JSON.readTree(response.body()).get("id").asLong(),
                        start, end, null);
            }
            return new SendResult(status / 100 == 4 ? Outcome.REFUSED : Outcome.SERVER_ERROR, status, -1, start, end,
                    status + " " + abbreviate(response.body()));
        }

        /** A timeout ({@link SocketTimeoutException}) or a connection failure. */
        static SendResult failed(Throwable cause, long start, long end) {
            Outcome outcome = cause instanceof SocketTimeoutException ? Outcome.TIMEOUT : Outcome.IO_ERROR;
            return new SendResult(outcome, 0, -1, start, end, cause.getClass().getSimpleName() + ": "
                    + abbreviate(String.valueOf(cause.getMessage())));
        }

        boolean created() {
            return outcome == Outcome.CREATED;
        }

        /** Whether the server may have stored the message although the client does not know it. */
        boolean ambiguous() {
            return outcome == Outcome.SERVER_ERROR || outcome == Outcome.TIMEOUT || outcome == Outcome.IO_ERROR;
        }

        long latencyNanos() {
            return endNanos - startNanos;
        }

        private static String abbreviate(String text) {
            return text.length() <= 200 ? text : text.substring(0, 200) + "…";
        }
    }
}
