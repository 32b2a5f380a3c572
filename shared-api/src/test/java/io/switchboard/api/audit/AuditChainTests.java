package io.switchboard.api.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the chain's encoding (docs/audit.md) to hashes computed independently, by the Python snippet in docs/audit.md
 * (hashlib + struct), so a third party following the document gets the same values.
 */
class AuditChainTests {

    private static final String FIRST = "7230822a82b283dfe9021fadb7fe3e4482533d23e041f93397edc3bbdf4ce3c5";
    private static final String SECOND = "da0f4a993f32e64752390e08f42c05c1d46d0267df8553b00f2899125db7cdcd";

    @Test
    void hashesMatchAnIndependentImplementationOfTheDocumentedEncoding() {
        String first = AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link("e-1", "42", 0,
                "2026-11-30T12:00:00.123456Z", "io.switchboard.api.conversation.MessageSent", "1",
                Map.of(AuditMetadata.ACTOR_ID, "501", AuditMetadata.ACTOR_ROLE, "staff", AuditMetadata.TENANT, "hotel-a",
                        AuditMetadata.DIALECT, "HOTEL_REST", AuditMetadata.CORRELATION_ID, "req-1",
                        "somethingElse", "not covered"),
                "{\"text\":\"héllo\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(first).isEqualTo(FIRST);

        Map<String, Object> partial = new HashMap<>();
        partial.put(AuditMetadata.ACTOR_ID, "502");
        partial.put(AuditMetadata.ACTOR_ROLE, "staff");
        partial.put(AuditMetadata.TENANT, "hotel-a");
        partial.put(AuditMetadata.DIALECT, "HOTEL_REST");
        String second = AuditChain.hash(first, new AuditChain.Link("e-2", "42", 1, "2026-11-30T12:00:01Z",
                "io.switchboard.api.conversation.ConversationRead", null, partial, "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(second).isEqualTo(SECOND);
    }

    @Test
    void anyChangeToTheEventOrItsPredecessorChangesTheHash() {
        AuditChain.Link link = new AuditChain.Link("e-1", "42", 0, "t", "Type", "1",
                Map.of(AuditMetadata.ACTOR_ID, "501"), "{\"text\":\"a\"}".getBytes(StandardCharsets.UTF_8));
        String hash = AuditChain.hash(AuditChain.GENESIS, link);

        assertThat(AuditChain.hash("f".repeat(64), link)).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link("e-1", "42", 0, "t", "Type", "1",
                Map.of(AuditMetadata.ACTOR_ID, "999"), link.payload()))).isNotEqualTo(hash);
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link("e-1", "42", 0, "t", "Type", "1",
                link.metaData(), "{\"text\":\"b\"}".getBytes(StandardCharsets.UTF_8)))).isNotEqualTo(hash);
        // fields are length-prefixed: moving a character from one field to the next is a different event
        assertThat(AuditChain.hash(AuditChain.GENESIS, new AuditChain.Link("e-", "142", 0, "t", "Type", "1",
                link.metaData(), link.payload()))).isNotEqualTo(hash);
    }
}
