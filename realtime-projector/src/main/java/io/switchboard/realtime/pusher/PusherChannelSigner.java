package io.switchboard.realtime.pusher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pusher's private-channel signature, {@code <key>:<hex HMAC-SHA256 of "socket_id:channel_name" with the secret>}:
 * the same value pusher-http-java's {@code authenticate(socketId, channel)} puts into its {@code auth} field, without
 * holding a second HTTP client just to sign.
 */
final class PusherChannelSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final String key;
    private final SecretKeySpec secret;

    /** @param key null: publishing is off and nothing can be signed */
    private PusherChannelSigner(String key, SecretKeySpec secret) {
        this.key = key;
        this.secret = secret;
    }

    static PusherChannelSigner of(String key, String secret) {
        return new PusherChannelSigner(key, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    static PusherChannelSigner disabled() {
        return new PusherChannelSigner(null, null);
    }

    boolean enabled() {
        return key != null;
    }

    /** The {@code auth} value a Pusher client sends to join {@code channel} on the connection {@code socketId}. */
    String auth(String socketId, String channel) {
        if (!enabled()) {
            throw new IllegalStateException("Pusher publishing is off: no secret to sign with");
        }
        try {
            // Mac instances are not thread-safe; one per signature is cheap next to the HTTP request around it.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            byte[] signature = mac.doFinal((socketId + ":" + channel).getBytes(StandardCharsets.UTF_8));
            return key + ":" + HexFormat.of().formatHex(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }
}
