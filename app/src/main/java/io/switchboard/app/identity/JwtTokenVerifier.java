package io.switchboard.app.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.Role;
import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.api.text.InputText;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.Set;

/**
 * The one verifier behind REST, WebSocket and Socket.IO. HS256 with a shared secret, or RS256 against a JWK set.
 * Only the configured algorithm is accepted, so {@code alg: none} and algorithm-confusion tokens fail.
 */
final class JwtTokenVerifier implements TokenVerifier {

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "tenant", "role", "exp");
    private static final int MAX_TOKEN_LENGTH = 8_192;

    private final ConfigurableJWTProcessor<SecurityContext> processor;

    private JwtTokenVerifier(JWKSource<SecurityContext> keys, JWSAlgorithm algorithm) {
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, REQUIRED_CLAIMS));
    }

    static JwtTokenVerifier hs256(byte[] secret) {
        return new JwtTokenVerifier(new ImmutableSecret<>(secret), JWSAlgorithm.HS256);
    }

    static JwtTokenVerifier rs256(String jwkSetUri) {
        try {
            return new JwtTokenVerifier(JWKSourceBuilder.create(URI.create(jwkSetUri).toURL()).build(),
                    JWSAlgorithm.RS256);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("bad JWK set URI " + jwkSetUri, e);
        }
    }

    @Override
    public AuthenticatedUser verify(String token) {
        String raw = stripScheme(token);
        if (raw.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("token too long");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(raw, null);
        } catch (BadJWTException e) {
            // nimbus' own wording stays in the server log's exception, not in the client's answer
            throw new InvalidTokenException(e.getMessage().startsWith("Expired") ? "token expired"
                    : "required claims missing", e);
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token", e);
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException("signature or algorithm rejected", e);
        }
        return toUser(claims);
    }

    private static String stripScheme(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no token");
        }
        String trimmed = token.trim();
        if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            trimmed = trimmed.substring(7).trim();
        }
        if (trimmed.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        return trimmed;
    }

    private static AuthenticatedUser toUser(JWTClaimsSet claims) {
        try {
            String subject = claims.getSubject();
            String tenant = claims.getStringClaim("tenant");
            if (subject.isBlank() || tenant == null || tenant.isBlank()) {
                throw new InvalidTokenException("blank sub or tenant claim");
            }
            Role role = Role.fromWire(claims.getStringClaim("role"));
            return new AuthenticatedUser(storable("sub", subject), storable("name", claims.getStringClaim("name")),
                    storable("email", claims.getStringClaim("email")), storable("tenant", tenant), role,
                    storable("room", scalar("room", claims.getClaim("room"))),
                    storable("booking", scalar("booking", claims.getClaim("booking"))),
                    storable("username", claims.getStringClaim("username")));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("invalid claims: " + e.getMessage());
        }
    }

    /**
     * Claims end up in events, snapshots (ids as map keys), read-model columns and channel names: bounded like every
     * other identifier and passing the one text check ({@link InputText}), refused rather than rewritten.
     */
    private static String storable(String claim, String value) {
        InputText.Problem problem = InputText.problem(value, MessageLimits.MAX_IDENTIFIER_LENGTH);
        if (problem == InputText.Problem.TOO_LONG) {
            throw new IllegalArgumentException(claim + " must be at most " + MessageLimits.MAX_IDENTIFIER_LENGTH
                    + " characters");
        }
        if (problem != null) {
            throw new IllegalArgumentException(claim + ": " + problem.detail());
        }
        return value;
    }

    /** Room numbers and booking ids arrive as strings or numbers depending on the issuer. */
    private static String scalar(String claim, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            storable(claim, text); // before trimming, which would quietly drop a leading or trailing U+0000
        }
        if (value instanceof String || value instanceof Number) {
            String text = value.toString().trim();
            return text.isEmpty() ? null : text;
        }
        throw new IllegalArgumentException("room/booking must be a string or number");
    }

    /** The expiry of a token this verifier accepted (so its claims parse and {@code exp} is present). */
    static Instant expiryOf(String acceptedToken) {
        try {
            return JWTParser.parse(stripScheme(acceptedToken)).getJWTClaimsSet().getExpirationTime().toInstant();
        } catch (ParseException e) {
            throw new InvalidTokenException("malformed token", e);
        }
    }
}
