package io.switchboard.api.audit;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditMetadataTests {

    private static final AuthenticatedUser JOHN = AuthenticatedUser.of("45", "John", "killarney", Role.STAFF);

    private static Object correlationOf(String requestId) {
        return AuditMetadata.of(JOHN, Dialect.HOTEL_REST, requestId).get(AuditMetadata.CORRELATION_ID);
    }

    @Test
    void aReasonableRequestIdIsKept() {
        assertThat(correlationOf("req-8d1c")).isEqualTo("req-8d1c");
        assertThat(correlationOf("r".repeat(100))).isEqualTo("r".repeat(100));
    }

    @Test
    void anOverlongOrInvalidRequestIdIsReplacedByAFreshOne() {
        for (String requestId : new String[]{"r".repeat(101), "x".repeat(100_000), "a\u0000b", "\uD800", "\uFFFF",
                " ", null}) {
            Object correlation = correlationOf(requestId);
            assertThat(correlation).as(String.valueOf(requestId).length() + " chars").isNotEqualTo(requestId);
            assertThat((String) correlation).hasSize(36);
        }
    }
}
