package io.switchboard.realtime.pusher;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pusher fan-out settings, bound from {@code pusher.*} and therefore also from the environment variables
 * {@code PUSHER_APP_ID}, {@code PUSHER_KEY}, {@code PUSHER_SECRET}, {@code PUSHER_CLUSTER}, {@code PUSHER_HOST},
 * {@code PUSHER_PORT}, {@code PUSHER_ENCRYPTED}, {@code PUSHER_MAX_EVENT_AGE}, ...
 *
 * @param cluster        a Pusher cluster such as {@code mt1} or {@code eu}; ignored when {@code host} is set
 * @param host           any Pusher-protocol HTTP API host (soketi, a proxy); wins over {@code cluster}
 * @param port           only with {@code host}
 * @param encrypted      HTTPS towards the API; turn off for a plain-HTTP local server
 * @param maxEventAge    events stored longer ago than this are not published: a fresh processor reads the whole
 *                       event store to build its audience table, and must not re-send history to clients
 * @param requestTimeout per HTTP call to the Pusher API
 */
@ConfigurationProperties("pusher")
record PusherProperties(String appId, String key, String secret, String cluster, String host, Integer port,
                        @DefaultValue("true") boolean encrypted,
                        @DefaultValue("PT10M") Duration maxEventAge,
                        @DefaultValue("PT4S") Duration requestTimeout,
                        @DefaultValue Retry retry) {

    /**
     * Retries inside one event handler call; once exhausted the handler throws and the tracking processor retries
     * the event later with its own backoff.
     *
     * @param initialBackoff pause after the first failure, doubled after each further one
     */
    record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("PT0.2S") Duration initialBackoff) {
    }

    /** True when any credential is set: from then on the configuration must be complete. */
    boolean credentialsGiven() {
        return hasText(appId) || hasText(key) || hasText(secret);
    }

    /** What keeps a configuration with credentials from working, as env var names; empty when it is complete. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!hasText(appId)) {
            problems.add("PUSHER_APP_ID is missing");
        }
        if (!hasText(key)) {
            problems.add("PUSHER_KEY is missing");
        }
        if (!hasText(secret)) {
            problems.add("PUSHER_SECRET is missing");
        }
        if (!hasText(cluster) && !hasText(host)) {
            problems.add("set PUSHER_CLUSTER (e.g. mt1, eu) or PUSHER_HOST");
        }
        if (port != null && !hasText(host)) {
            problems.add("PUSHER_PORT needs PUSHER_HOST");
        }
        if (retry.maxAttempts() < 1) {
            problems.add("pusher.retry.max-attempts must be at least 1");
        }
        return problems;
    }

    /** Where events go, for the start-up log line. */
    String endpoint() {
        String scheme = encrypted ? "https://" : "http://";
        if (hasText(host)) {
            return scheme + host + (port == null ? "" : ":" + port);
        }
        return scheme + "api-" + cluster + ".pusher.com";
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
