package io.switchboard.query.audit;

import io.switchboard.api.audit.AuditChain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-computes a conversation's audit hash chain from the stored rows exactly as a third party would (docs/audit.md):
 * raw columns and payload bytes, no deserialization, no upcasting. Rows are read in pages, so a long conversation
 * costs memory for one page only.
 */
@Component
class ChainVerifier {

    private static final int PAGE = 1_000;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ChainVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param valid       every event's stored hash matched its re-computed one
     * @param firstBroken the first event whose stored hash does not match (its content or an earlier event's was
     *                    changed, or an event is missing before it); null when valid
     * @param unchained   events stored before the chain existed (no hash); they are skipped, the next event chains
     *                    from the genesis value
     */
    record Verification(long conversationId, boolean valid, long eventsChecked, long unchained, String headHash,
                        BrokenLink firstBroken, HeadCheck headCheck) {
    }

    /**
     * A transcript's head checked against the store: whether the stored chain, intact up to {@code sequence}, has
     * exactly {@code hash} there.
     */
    record HeadCheck(long sequence, String hash, boolean matches) {
    }

    record BrokenLink(long sequence, String eventId, String type, String storedHash, String computedHash,
                      String reason) {
    }

    private record Row(String eventId, String aggregateId, long sequence, String timeStamp, String payloadType,
                       String payloadRevision, byte[] payload, byte[] metaData) {
    }

    Verification verify(long conversationId) {
        return verify(conversationId, null, null);
    }

    /** @param headSequence, headHash a transcript's head to check, or nulls */
    Verification verify(long conversationId, Long headSequence, String headHash) {
        String aggregate = String.valueOf(conversationId);
        String previous = AuditChain.GENESIS;
        long expectedSequence = 0;
        long checked = 0;
        long unchained = 0;
        long after = -1;
        String hashAtHead = null;
        while (true) {
            var rows = jdbc.sql("""
                            SELECT event_identifier, aggregate_identifier, sequence_number, time_stamp, payload_type,
                                   payload_revision, payload, meta_data
                            FROM domain_event_entry
                            WHERE aggregate_identifier = ? AND sequence_number > ?
                            ORDER BY sequence_number
                            LIMIT ?""")
                    .params(aggregate, after, PAGE)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8)))
                    .list();
            for (Row row : rows) {
                after = row.sequence();
                checked++;
                Map<String, Object> meta = metaData(row.metaData());
                Object stored = meta == null ? null : meta.get(AuditChain.HASH_KEY);
                String type = row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1);
                if (row.sequence() != expectedSequence) {
                    return new Verification(conversationId, false, checked, unchained, previous,
                            new BrokenLink(row.sequence(), row.eventId(), type, stored == null ? null : stored.toString(),
                                    null, "event " + expectedSequence + " is missing"), headCheck(headSequence, headHash, hashAtHead));
                }
                expectedSequence++;
                if (meta == null) {
                    return new Verification(conversationId, false, checked, unchained, previous,
                            new BrokenLink(row.sequence(), row.eventId(), type, null, null,
                                    "metadata is not readable JSON"), headCheck(headSequence, headHash, hashAtHead));
                }
                if (stored == null) {
                    unchained++;
                    previous = AuditChain.GENESIS;
                    continue;
                }
                String computed = AuditChain.hash(previous, new AuditChain.Link(row.eventId(), row.aggregateId(),
                        row.sequence(), row.timeStamp(), row.payloadType(), row.payloadRevision(), meta,
                        row.payload()));
                if (!computed.equals(stored.toString())) {
                    return new Verification(conversationId, false, checked, unchained, previous,
                            new BrokenLink(row.sequence(), row.eventId(), type, stored.toString(), computed,
                                    "stored hash does not match the event as stored"), headCheck(headSequence, headHash, hashAtHead));
                }
                previous = computed;
                if (headSequence != null && row.sequence() == headSequence) {
                    hashAtHead = computed;
                }
            }
            if (rows.size() < PAGE) {
                return new Verification(conversationId, true, checked, unchained, previous, null,
                        headCheck(headSequence, headHash, hashAtHead));
            }
        }
    }

    /** A head before the first broken link still checks out: the chain up to it is intact. */
    private static HeadCheck headCheck(Long headSequence, String headHash, String hashAtHead) {
        return headSequence == null ? null
                : new HeadCheck(headSequence, headHash, headHash != null && headHash.equals(hashAtHead));
    }

    /** The metadata's top-level text values (the chain covers only text values); null when not a JSON object. */
    private Map<String, Object> metaData(byte[] bytes) {
        if (bytes == null) {
            return Map.of();
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (!node.isObject()) {
                return null;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            node.properties().forEach(entry -> {
                if (entry.getValue().isString()) {
                    values.put(entry.getKey(), entry.getValue().asString());
                }
            });
            return values;
        } catch (JacksonException e) {
            return null;
        }
    }
}
