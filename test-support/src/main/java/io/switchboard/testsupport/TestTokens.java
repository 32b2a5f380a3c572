package io.switchboard.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.api.identity.AuthenticatedUser;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Mints HS256 tokens the way a real identity provider would, signed with {@link #SECRET}. */
public final class TestTokens {

    /** Tests run the app with {@code switchboard.auth.jwt-secret} set to this. */
    public static final String SECRET = "test-secret-test-secret-test-secret-0123456789";

    private TestTokens() {
    }

    public static String token(AuthenticatedUser user) {
        return token(user, Duration.ofHours(1), SECRET);
    }

    public static String expired(AuthenticatedUser user) {
        return token(user, Duration.ofMinutes(-5), SECRET);
    }

    public static String signedWith(AuthenticatedUser user, String secret) {
        return token(user, Duration.ofHours(1), secret);
    }

    public static String bearer(AuthenticatedUser user) {
        return "Bearer " + token(user);
    }

    private static String token(AuthenticatedUser user, Duration validFor, String secret) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user.userId())
                .claim("name", user.name())
                .claim("tenant", user.tenant())
                .claim("role", user.role().wireName())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(validFor)));
        if (user.email() != null) {
            claims.claim("email", user.email());
        }
        if (!user.username().equals(user.userId())) {
            claims.claim("username", user.username());
        }
        if (user.room() != null) {
            claims.claim("room", user.room());
        }
        if (user.booking() != null) {
            claims.claim("booking", user.booking());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
