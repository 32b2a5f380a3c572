package io.switchboard.api.audit;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.text.InputText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Metadata keys every command carries and every resulting event inherits (through Axon
 * correlation data providers), so an auditor can tell who did what, from where.
 */
public final class AuditMetadata {

    public static final String ACTOR_ID = "actorId";
    public static final String ACTOR_ROLE = "actorRole";
    public static final String TENANT = "tenant";
    public static final String DIALECT = "dialect";
    public static final String CORRELATION_ID = "correlationId";

    /** Keys copied from a command onto the events it causes. */
    public static final List<String> PROPAGATED_KEYS = List.of(ACTOR_ID, ACTOR_ROLE, TENANT, DIALECT, CORRELATION_ID);

    private AuditMetadata() {
    }

    /** Longer caller-supplied request ids are replaced: they are stored with every event the request causes. */
    public static final int MAX_CORRELATION_ID_LENGTH = 100;

    /**
     * @param correlationId a caller-supplied request id (e.g. {@code X-Request-Id}); {@code null}, blank, longer than
     *                      {@link #MAX_CORRELATION_ID_LENGTH} or failing {@link InputText} gets a fresh random one, so
     *                      every event is traceable to one request and no header bloats or breaks the metadata
     */
    public static Map<String, Object> of(AuthenticatedUser actor, Dialect dialect, String correlationId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(ACTOR_ID, actor.userId());
        metadata.put(ACTOR_ROLE, actor.role().wireName());
        metadata.put(TENANT, actor.tenant());
        metadata.put(DIALECT, dialect.name());
        metadata.put(CORRELATION_ID, correlationId == null || correlationId.isBlank()
                || !InputText.isValid(correlationId, MAX_CORRELATION_ID_LENGTH)
                ? randomId() : correlationId);
        return metadata;
    }

    /**
     * A random (version 4 shaped) UUID from {@link ThreadLocalRandom}: a correlation id must be unique, not
     * unpredictable, and {@code UUID.randomUUID()}'s shared SecureRandom was a contended lock on every command of a busy
     * node (JFR, direct-chat benchmark).
     */
    private static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
