package io.switchboard.app.audit;

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

/** The audit REST API over real HTTP. */
final class AuditApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    AuditApi(int port) {
        this.port = port;
    }

    record Response(int status, String contentType, String raw, HttpResponse<String> http) {

        JsonNode json() {
            return JSON.readTree(raw);
        }

        String header(String name) {
            return http.headers().firstValue(name).orElse(null);
        }
    }

    Response get(String path, AuthenticatedUser caller) {
        return get(path, caller == null ? null : "Bearer " + TestTokens.token(caller));
    }

    Response get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
