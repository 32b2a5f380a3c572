package io.switchboard.realtime.pusher;

import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real transport: Pusher's HTTP API ({@code POST /apps/{app_id}/events}, signed as its REST API specifies) on the
 * JDK's {@link HttpURLConnection}, against Pusher's cluster or any Pusher-protocol host (soketi).
 * <p>
 * Why not pusher-http-java: in the write-path benchmark's profile its trigger was a fifth of the server's CPU — a
 * regular expression per channel name (a message goes to up to 65 channels), Gson, URI rebuilding and Apache
 * HttpClient's request pipeline — for what is one signed JSON POST on a kept-alive connection. Why
 * {@link HttpURLConnection} and not {@code java.net.http.HttpClient}: the calls are blocking anyway (one per
 * conversation of a batch, on the fan-out's sender threads), and the JDK's asynchronous client hands every request
 * to its selector and worker threads — measured with JFR, its threads used more CPU per message than
 * pusher-http-java. {@code HttpURLConnection} keeps connections alive and reuses them once an answer is read to its
 * end.
 */
final class HttpPusherTransport implements PusherTransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    private final URI base;
    private final String path;
    private final String key;
    private final SecretKeySpec secret;
    private final Duration requestTimeout;
    private final Clock clock;

    HttpPusherTransport(PusherProperties properties) {
        this(properties, Clock.systemUTC());
    }

    HttpPusherTransport(PusherProperties properties, Clock clock) {
        this.base = URI.create(properties.endpoint());
        this.path = "/apps/" + properties.appId() + "/events";
        this.key = properties.key();
        this.secret = new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.requestTimeout = properties.requestTimeout();
        this.clock = clock;
    }

    @Override
    public void trigger(List<String> channels, String eventName, String data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", eventName);
        event.put("channels", channels);
        event.put("data", data);
        byte[] body = JSON.writeValueAsBytes(event);
        int status;
        String answer;
        try {
            URL url = base.resolve(path + "?" + signedQuery(body)).toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(Math.toIntExact(requestTimeout.toMillis()));
            connection.setReadTimeout(Math.toIntExact(requestTimeout.toMillis()));
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            status = connection.getResponseCode();
            // read to the end (also on errors), so the connection goes back to the keep-alive cache
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new PusherTransportException("Pusher could not be reached: " + e, true);
        }
        if (status < 200 || status >= 300) {
            throw new PusherTransportException("Pusher answered HTTP " + status + ": "
                    + (answer.length() > 200 ? answer.substring(0, 200) + "…" : answer), isTransient(status));
        }
    }

    /**
     * The query string of a request with this body: {@code auth_key}, {@code auth_timestamp}, {@code auth_version},
     * {@code body_md5}, and {@code auth_signature}, the hex HMAC-SHA256 (keyed with the app secret) of
     * {@code "POST\n" + path + "\n" + the other parameters sorted by name, as name=value joined by &}.
     */
    String signedQuery(byte[] body) {
        String query = "auth_key=" + key
                + "&auth_timestamp=" + clock.instant().getEpochSecond()
                + "&auth_version=1.0"
                + "&body_md5=" + HEX.formatHex(md5(body));
        return query + "&auth_signature=" + HEX.formatHex(hmac("POST\n" + path + "\n" + query));
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    /** No HTTP status means the request never got an answer (connection refused, timeout). */
    static boolean isTransient(Integer httpStatus) {
        return httpStatus == null || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    }

    @Override
    public void close() {
        // kept-alive connections belong to the JDK's shared cache, which closes idle ones itself
    }
}
