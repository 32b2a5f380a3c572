package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against the running app, the way the hotel frontends call it. */
final class HotelApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    HotelApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Response(int status, JsonNode body, String raw) {

        JsonNode get(String field) {
            return body.get(field);
        }
    }

    Response get(String path, AuthenticatedUser caller) {
        return get(path, "Bearer " + TestTokens.token(caller));
    }

    Response get(String path, String authorization) {
        return exchange(request(path, authorization).GET());
    }

    Response post(String path, AuthenticatedUser caller, Object body) {
        return postRaw(path, "Bearer " + TestTokens.token(caller), body == null ? null : JSON.writeValueAsString(body));
    }

    Response post(String path, AuthenticatedUser caller, Object body, String requestId) {
        return exchange(post(request(path, "Bearer " + TestTokens.token(caller)).header("X-Request-Id", requestId),
                JSON.writeValueAsString(body)));
    }

    /** @param json sent as is, so tests can send what no serializer would write; null sends no body */
    Response postRaw(String path, String authorization, String json) {
        return exchange(post(request(path, authorization), json));
    }

    static Map<String, Object> message(String text) {
        return Map.of("message", text);
    }

    private static HttpRequest.Builder post(HttpRequest.Builder request, String json) {
        return request.header("Content-Type", "application/json").POST(json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw);
            return new Response(response.statusCode(), body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
