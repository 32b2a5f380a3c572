package io.switchboard.app.identity;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.InvalidTokenException;
import io.switchboard.api.identity.Role;
import io.switchboard.api.identity.TokenVerifier;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingTokenVerifierTests {

    private final JwtTokenVerifier jwt = JwtTokenVerifier.hs256(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
    private final AtomicInteger verifications = new AtomicInteger();
    private final TokenVerifier counting = token -> {
        verifications.incrementAndGet();
        return jwt.verify(token);
    };
    private final AuthenticatedUser staff = AuthenticatedUser.of("45", "John Doe", "killarney", Role.STAFF);

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        CachingTokenVerifier verifier = verifierAt(Clock.systemUTC(), 10);
        String token = TestTokens.token(staff);
        for (int i = 0; i < 5; i++) {
            assertThat(verifier.verify(token)).isEqualTo(staff);
        }
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = TestTokens.token(staff);
        Instant expiry = JwtTokenVerifier.expiryOf(token);
        MutableClock clock = new MutableClock(expiry.minusSeconds(60));
        CachingTokenVerifier verifier = verifierAt(clock, 10);
        assertThat(verifier.verify(token)).isEqualTo(staff);

        clock.now = expiry;
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("token expired");
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        CachingTokenVerifier verifier = verifierAt(Clock.systemUTC(), 10);
        String forged = TestTokens.signedWith(staff, "another-secret-another-secret-another-secret!!");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void atMostCapacityTokensAreRemembered() {
        CachingTokenVerifier verifier = verifierAt(Clock.systemUTC(), 2);
        String first = TestTokens.token(staff);
        verifier.verify(first);
        verifier.verify(TestTokens.token(AuthenticatedUser.of("46", "B", "killarney", Role.STAFF)));
        verifier.verify(TestTokens.token(AuthenticatedUser.of("47", "C", "killarney", Role.STAFF)));
        verifier.verify(first);
        assertThat(verifications).as("the first token was evicted and verified again").hasValue(4);
    }

    private CachingTokenVerifier verifierAt(Clock clock, int capacity) {
        return new CachingTokenVerifier(counting, JwtTokenVerifier::expiryOf, clock, capacity);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
