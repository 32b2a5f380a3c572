package io.switchboard.realtime.direct;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.api.text.InputText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides every socket before the upgrade: no valid token, HTTP 401 and no socket; a bad username or
 * {@code last_sequence}, 400; the conversation is resolved (started on first use) here too, so a database outage
 * answers 503 rather than opening a socket that cannot work. Refusals carry {@code {"detail": "..."}} like the REST
 * API's.
 */
final class DirectChatHandshake implements HandshakeInterceptor {

    static final String SESSION_SETUP = "switchboard.direct.setup";

    private static final Logger log = LoggerFactory.getLogger(DirectChatHandshake.class);
    private static final Pattern SEQUENCE = Pattern.compile("^(0|[1-9][0-9]{0,15})$");

    /** What the handshake decided, for the socket handler. */
    record Setup(AuthenticatedUser me, DirectEndpoint endpoint, Long conversationId, String other, long resumeAfter) {
    }

    private final DirectEndpoint endpoint;
    private final TokenVerifier tokens;
    private final DirectConversations conversations;
    private final JsonMapper json;

    DirectChatHandshake(DirectEndpoint endpoint, TokenVerifier tokens, DirectConversations conversations,
                        JsonMapper json) {
        this.endpoint = endpoint;
        this.tokens = tokens;
        this.conversations = conversations;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        Map<String, List<String>> query;
        try {
            query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        } catch (IllegalArgumentException e) {
            return refuse(response, HttpStatus.BAD_REQUEST, "Malformed query string.");
        }
        AuthenticatedUser me;
        try {
            me = tokens.verify(token(request, query)).byUsername();
        } catch (InvalidTokenException e) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return refuse(response, HttpStatus.UNAUTHORIZED, e.getMessage());
        } catch (IllegalArgumentException e) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return refuse(response, HttpStatus.UNAUTHORIZED, "malformed token");
        }
        String other = null;
        Long conversationId = null;
        if (endpoint != DirectEndpoint.ALL_NOTIFICATIONS) {
            try {
                other = username(request.getURI().getRawPath());
            } catch (IllegalArgumentException e) {
                return refuse(response, HttpStatus.BAD_REQUEST, e.getMessage());
            }
            if (other.equals(me.userId())) {
                return refuse(response, HttpStatus.BAD_REQUEST, "username: a direct chat is with another user.");
            }
        }
        long resumeAfter = -1;
        String last = first(query, "last_sequence");
        if (last != null) {
            if (endpoint != DirectEndpoint.CHAT || !SEQUENCE.matcher(last).matches()
                    || Long.parseLong(last) > 9_007_199_254_740_991L) {
                return refuse(response, HttpStatus.BAD_REQUEST,
                        "last_sequence: a whole number from 0 to 2^53-1, on the chat socket only.");
            }
            resumeAfter = Long.parseLong(last);
        }
        if (other != null) {
            try {
                conversationId = conversations.with(me, other);
            } catch (CommandRejectedException e) {
                return refuse(response, HttpStatus.BAD_REQUEST, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("direct chat handshake for {} in {} failed", me.userId(), me.tenant(), e);
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable.");
            }
        }
        attributes.put(SESSION_SETUP, new Setup(me, endpoint, conversationId, other, resumeAfter));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    /** {@code ?token=} (browsers cannot set headers on a WebSocket) or {@code Authorization: Bearer ...}. */
    private static String token(ServerHttpRequest request, Map<String, List<String>> query) {
        String fromQuery = first(query, "token");
        if (fromQuery != null) {
            return UriUtils.decode(fromQuery, StandardCharsets.UTF_8);
        }
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            throw new InvalidTokenException("no token");
        }
        return header;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The last non-empty path segment, percent-decoded: {@code /ws/{username}/}, {@code /ws/notifications/{username}/}. */
    private static String username(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String segment = path.substring(path.lastIndexOf('/') + 1);
        String username = UriUtils.decode(segment, StandardCharsets.UTF_8);
        if (username.isBlank()) {
            throw new IllegalArgumentException("username: This field may not be blank.");
        }
        InputText.Problem problem = InputText.problem(username, MessageLimits.MAX_IDENTIFIER_LENGTH);
        if (problem == InputText.Problem.TOO_LONG) {
            throw new IllegalArgumentException("username: at most " + MessageLimits.MAX_IDENTIFIER_LENGTH
                    + " characters.");
        }
        if (problem != null) {
            throw new IllegalArgumentException("username: " + problem.detail());
        }
        return username;
    }

    private boolean refuse(ServerHttpResponse response, HttpStatus status, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        try {
            response.getBody().write(json.writeValueAsBytes(Map.of("detail", detail)));
        } catch (IOException e) {
            log.debug("writing a handshake refusal", e);
        }
        return false;
    }
}
