package io.switchboard.api.identity;

/**
 * Verifies a bearer token. One implementation serves REST, WebSocket and Socket.IO alike;
 * the app module provides it, every adapter depends only on this interface.
 */
public interface TokenVerifier {

    /**
     * @param token the raw token, with or without a leading {@code "Bearer "}
     * @return the verified caller
     * @throws InvalidTokenException when the token is missing, malformed, badly signed, expired
     *                               or lacks a required claim
     */
    AuthenticatedUser verify(String token);
}
