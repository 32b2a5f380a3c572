package io.switchboard.app.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.Role;
import io.switchboard.testsupport.TestTokens;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class JwtTokenVerifierTests {

    private final JwtTokenVerifier verifier = JwtTokenVerifier.hs256(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
    private final AuthenticatedUser guest =
            new AuthenticatedUser("g-1", "Mary Guest", "mary@example.com", "killarney", Role.GUEST, "101", "B-77");

    @Test
    void validTokenYieldsEveryClaim() {
        assertThat(verifier.verify(TestTokens.token(guest))).isEqualTo(guest);
    }

    @Test
    void bearerPrefixIsOptional() {
        assertThat(verifier.verify("Bearer " + TestTokens.token(guest))).isEqualTo(guest);
        assertThat(verifier.verify("bearer   " + TestTokens.token(guest))).isEqualTo(guest);
    }

    @Test
    void expiredTokenIsRefused() {
        assertThatThrownBy(() -> verifier.verify(TestTokens.expired(guest)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRefused() {
        String forged = TestTokens.signedWith(guest, "another-secret-another-secret-another-secret!!");
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void unsignedTokenIsRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void rs256TokenIsRefusedByAnHs256Verifier() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims().build());
        jwt.sign(new RSASSASigner(key));
        assertThatThrownBy(() -> verifier.verify(jwt.serialize())).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void rs256TokensAreVerifiedAgainstAJwkSetWhenOneIsConfigured() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            JwtTokenVerifier production = JwtTokenVerifier.rs256(
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    claims().build());
            jwt.sign(new RSASSASigner(key));

            assertThat(production.verify(jwt.serialize()))
                    .isEqualTo(AuthenticatedUser.of("45", "John Doe", "killarney", Role.STAFF));
            assertThatThrownBy(() -> production.verify(TestTokens.token(guest)))
                    .as("an HS256 token against an RS256 verifier").isInstanceOf(InvalidTokenException.class);
        } finally {
            jwks.stop(0);
        }
    }

    @Test
    void tokenWithoutTenantOrRoleOrExpiryIsRefused() throws Exception {
        for (String missing : new String[]{"tenant", "role", "exp"}) {
            JWTClaimsSet.Builder builder = claims();
            builder.claim(missing, null);
            assertThatThrownBy(() -> verifier.verify(hs256(builder.build())))
                    .as("without %s", missing).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void claimsThatNoColumnOrChannelCouldHoldAreRefused() throws Exception {
        for (String claim : new String[]{"sub", "tenant", "name", "room", "booking"}) {
            for (String value : new String[]{"x".repeat(256), "a\u0000b"}) {
                String token = hs256(claims().claim(claim, value).build());
                assertThatThrownBy(() -> verifier.verify(token)).as("%s=%s", claim, value.length())
                        .isInstanceOf(InvalidTokenException.class).hasMessageContaining(claim);
            }
        }
    }

    /** The JSON escapes travel as such inside the signed payload, as a hostile issuer or a bug could write them. */
    @Test
    void claimsWithUnpairedSurrogatesOrNoncharactersAreRefusedNotRewritten() throws Exception {
        for (String claim : new String[]{"sub", "tenant", "name", "email", "room", "booking"}) {
            for (String escaped : new String[]{"\\ud800", "a\\udc00", "\\uffff", "x\\ufdd0", "\\u0000"}) {
                String json = claims().build().toJSONObject().entrySet().stream()
                        .filter(entry -> !entry.getKey().equals(claim))
                        .map(entry -> "\"" + entry.getKey() + "\":" + (entry.getValue() instanceof Number
                                ? entry.getValue().toString() : "\"" + entry.getValue() + "\""))
                        .reduce((a, b) -> a + "," + b).orElseThrow() + ",\"" + claim + "\":\"" + escaped + "\"";
                JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload("{" + json + "}"));
                jws.sign(new MACSigner(TestTokens.SECRET));
                String token = jws.serialize();
                assertThat(catchThrowable(() -> verifier.verify(token))).as("%s=%s", claim, escaped)
                        .isInstanceOf(InvalidTokenException.class).hasMessageContaining(claim);
            }
        }
    }

    @Test
    void hostileButWellFormedClaimsAreKeptExactly() throws Exception {
        String name = "\u202Eevil\u202C \uD83D\uDE00 e\u0301";
        assertThat(verifier.verify(hs256(claims().claim("name", name).build())).name()).isEqualTo(name);
    }

    @Test
    void refusalsDoNotEchoTheLibrarysWording() {
        String forged = TestTokens.signedWith(guest, "another-secret-another-secret-another-secret!!");
        assertThatThrownBy(() -> verifier.verify(forged)).hasMessage("signature or algorithm rejected");
        assertThatThrownBy(() -> verifier.verify("not.a.jwt")).hasMessage("malformed token");
    }

    @Test
    void unknownRoleIsRefused() throws Exception {
        assertThatThrownBy(() -> verifier.verify(hs256(claims().claim("role", "emperor").build())))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("emperor");
    }

    @Test
    void numericRoomAndBookingClaimsBecomeStrings() throws Exception {
        AuthenticatedUser user = verifier.verify(hs256(claims().claim("room", 101).claim("booking", 9001).build()));
        assertThat(user.room()).isEqualTo("101");
        assertThat(user.booking()).isEqualTo("9001");
    }

    @Test
    void missingOrGarbageTokenIsRefused() {
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("Bearer ")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("not.a.jwt")).isInstanceOf(InvalidTokenException.class);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("45").claim("name", "John Doe").claim("tenant", "killarney")
                .claim("role", "staff").expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String hs256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TestTokens.SECRET));
        return jwt.serialize();
    }
}
