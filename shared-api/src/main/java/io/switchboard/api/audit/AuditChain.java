package io.switchboard.api.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The tamper-evidence chain over each conversation's events (docs/audit.md, "The hash chain"): every stored event
 * carries, in its metadata under {@link #HASH_KEY}, a SHA-256 over the previous event's hash and the event as stored
 * (row fields, the audit metadata, the payload bytes). Changing, removing or reordering a stored event breaks every
 * hash after it. Computed by the event store when the event is written, re-computed by the verify endpoint, and
 * re-computable by a third party from the rows alone.
 * <p>
 * Encoding (version 1): SHA-256 over the concatenation, in this order, of these fields, each as its byte length
 * (4 bytes, big-endian) followed by its bytes — text as UTF-8, absent text as zero bytes:
 * {@code "switchboard-audit-chain-v1"}, the previous hash (lower-case hex; {@link #GENESIS} for sequence 0 or when the
 * previous event carries none), event identifier, aggregate identifier, sequence number (decimal), time stamp (the
 * stored text), payload type, payload revision, the metadata values of {@link #COVERED_METADATA} in that order, and
 * the stored payload bytes. The result is written as lower-case hex.
 */
public final class AuditChain {

    /** The metadata key holding an event's chain hash. */
    public static final String HASH_KEY = "auditHash";
    /** The "previous hash" of a conversation's first event. */
    public static final String GENESIS = "0".repeat(64);
    public static final String VERSION = "switchboard-audit-chain-v1";
    /** The metadata the chain covers, in hashing order: who, as what, for which tenant, through which dialect. */
    public static final String[] COVERED_METADATA = {AuditMetadata.ACTOR_ID, AuditMetadata.ACTOR_ROLE,
            AuditMetadata.TENANT, AuditMetadata.DIALECT, AuditMetadata.CORRELATION_ID};

    private AuditChain() {
    }

    /** One stored event as the chain sees it. */
    public record Link(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String timeStamp,
                       String payloadType, String payloadRevision, Map<String, ?> metaData, byte[] payload) {
    }

    /** The hash of {@code link} chained to {@code previousHash}. */
    public static String hash(String previousHash, Link link) {
        Objects.requireNonNull(previousHash, "previousHash");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + link.payload().length);
        field(bytes, VERSION);
        field(bytes, previousHash);
        field(bytes, link.eventIdentifier());
        field(bytes, link.aggregateIdentifier());
        field(bytes, Long.toString(link.sequenceNumber()));
        field(bytes, link.timeStamp());
        field(bytes, link.payloadType());
        field(bytes, link.payloadRevision());
        for (String key : COVERED_METADATA) {
            Object value = link.metaData() == null ? null : link.metaData().get(key);
            field(bytes, value == null ? null : value.toString());
        }
        field(bytes, link.payload());
        return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, String text) {
        field(out, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
