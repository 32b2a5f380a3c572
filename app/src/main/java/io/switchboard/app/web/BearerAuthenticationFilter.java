package io.switchboard.app.web;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.TokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * Authenticates every {@code /api/**} request from its bearer token before any controller runs, answering 401 in
 * the Django REST shape otherwise. Controllers receive the caller as an {@link AuthenticatedUser} parameter.
 * Which requests it sees is decided only by its registration's {@code /api/*} pattern, which the container matches
 * on the decoded, normalised path, so {@code /api;x=1/...} or {@code /%61pi/...} cannot slip past it.
 */
class BearerAuthenticationFilter extends OncePerRequestFilter {

    static final String USER_ATTRIBUTE = AuthenticatedUser.class.getName();

    private final TokenVerifier verifier;
    private final JsonMapper json;

    BearerAuthenticationFilter(TokenVerifier verifier, JsonMapper json) {
        this.verifier = verifier;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            unauthorized(response, "Authentication credentials were not provided.");
            return;
        }
        // "Token" is Django REST framework's scheme, which the hotel frontends send; the token is the same JWT
        boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer && !header.regionMatches(true, 0, "Token ", 0, 6)) {
            unauthorized(response, "Authorization header must be 'Bearer <token>' or 'Token <token>'.");
            return;
        }
        try {
            request.setAttribute(USER_ATTRIBUTE, verifier.verify(header.substring(bearer ? 7 : 6).trim()));
        } catch (InvalidTokenException e) {
            unauthorized(response, "Invalid token: " + e.getMessage() + ".");
            return;
        }
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("detail", detail));
    }
}
