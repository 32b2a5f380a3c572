package io.switchboard.realtime.pusher;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.hotel.HotelAccess;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.regex.Pattern;

/**
 * Pusher's channel authorization endpoint: a client joining a private channel posts its connection's
 * {@code socket_id} and the {@code channel_name} here (form-encoded, as pusher-js and pusher-java-client do, or
 * JSON) with its bearer token, and gets back the signature Pusher wants, only if {@link PusherChannelAccess} lets
 * the caller in. Any other answer makes the client give up the subscription, so every refusal is a plain 403.
 */
@RestController
class PusherAuthController {

    static final String PATH = "/api/pusher/auth";

    /** Pusher's socket id shape; anything else would be signed for no connection that can exist. */
    private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

    private final PusherChannelAccess access;
    private final PusherChannelSigner signer;

    PusherAuthController(PusherChannelAccess access, PusherChannelSigner signer) {
        this.access = access;
        this.signer = signer;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AuthRequest(@JsonProperty("socket_id") String socketId, @JsonProperty("channel_name") String channelName) {
    }

    record AuthResponse(String auth) {
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    AuthResponse authorizeForm(AuthenticatedUser user,
                               @RequestParam(name = "socket_id", required = false) String socketId,
                               @RequestParam(name = "channel_name", required = false) String channelName) {
        return authorize(user, new AuthRequest(socketId, channelName));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    AuthResponse authorizeJson(AuthenticatedUser user, @RequestBody AuthRequest request) {
        return authorize(user, request);
    }

    AuthResponse authorize(AuthenticatedUser user, AuthRequest request) {
        if (!signer.enabled()) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "Pusher is not configured on this server.");
        }
        if (request.socketId() == null || !SOCKET_ID.matcher(request.socketId()).matches()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "socket_id: Invalid value.");
        }
        if (!access.mayJoin(user, request.channelName())) {
            // One answer for every refusal: unknown, another hotel's and another room's channels look the same.
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, HotelAccess.FORBIDDEN.detail());
        }
        return new AuthResponse(signer.auth(request.socketId(), request.channelName()));
    }
}
