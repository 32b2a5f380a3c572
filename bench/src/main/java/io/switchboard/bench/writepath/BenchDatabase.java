package io.switchboard.bench.writepath;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's own PostgreSQL database: recreated at the start of every run so runs are repeatable, then read
 * directly (never through the server) to see how far the tracking processors are and to check correctness.
 */
final class BenchDatabase implements AutoCloseable {

    /** Axon's GapAwareTrackingToken as the Jackson serializer writes it: {"index":123,"gaps":[...]}. */
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private final Options options;
    private Connection connection;

    BenchDatabase(Options options) {
        this.options = options;
    }

    /** Drops and creates the database (disconnecting anything still attached to it, e.g. a killed earlier run). */
    void recreate() throws SQLException {
        if (!options.database().matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + options.database());
        }
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + options.database() + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + options.database());
        }
    }

    /** Opens the benchmark's connection; call after {@link #recreate()}. */
    void open() throws SQLException {
        connection = connect(options.database());
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long readModelMessageCount() throws SQLException {
        return queryLong("SELECT count(*) FROM query_message");
    }

    /**
     * Events the slowest tracking processor has not handled yet: the newest global index minus the lowest token
     * position; empty when a token cannot be read (another token type or table layout).
     */
    OptionalLong processorLag() throws SQLException {
        long newest = queryLong("SELECT coalesce(max(global_index), 0) FROM domain_event_entry");
        long lowest = Long.MAX_VALUE;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT token FROM token_entry")) {
            while (rows.next()) {
                byte[] token = rows.getBytes(1);
                Matcher index = TOKEN_INDEX.matcher(token == null ? "" : new String(token));
                if (!index.find()) {
                    return OptionalLong.empty();
                }
                lowest = Math.min(lowest, Long.parseLong(index.group(1)));
            }
        }
        return lowest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(Math.max(0, newest - lowest));
    }

    /**
     * Waits until the read models hold at least {@code createdMessages} messages and no tracking processor trails
     * the event store, or {@code max} passed, so one phase's backlog does not slow the next. Returns the time
     * waited, or -1 when it gave up.
     */
    long awaitProcessors(long createdMessages, Duration max) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong lag = processorLag();
            if (readModelMessageCount() >= createdMessages && (lag.isEmpty() || lag.getAsLong() == 0)) {
                return System.nanoTime() - start;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return -1;
    }

    /** How many of {@code messageIds} are in the read model. */
    long visibleCount(Collection<Long> messageIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM query_message WHERE message_id = ANY(?)")) {
            Array ids = connection.createArrayOf("bigint", messageIds.toArray());
            statement.setArray(1, ids);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The read model's figures for one conversation: count, distinct sequences and client ids, sequence range. */
    record MessageStats(long conversationId, long count, long distinctSequences, long minSequence, long maxSequence,
                        long distinctClientIds) {
    }

    List<MessageStats> messageStats(Collection<Long> conversationIds) throws SQLException {
        List<MessageStats> stats = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT conversation_id, count(*), count(DISTINCT sequence), min(sequence), max(sequence),
                       count(DISTINCT client_message_id)
                FROM query_message WHERE conversation_id = ANY(?) GROUP BY conversation_id""")) {
            statement.setArray(1, connection.createArrayOf("bigint", conversationIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stats.add(new MessageStats(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                            rows.getLong(5), rows.getLong(6)));
                }
            }
        }
        return stats;
    }

    /**
     * The event store's own check: per conversation aggregate, its events' sequence numbers 0..n-1 without gaps or
     * duplicates, and how many are MessageSent. Rows: aggregate id, events, distinct sequence numbers, max
     * sequence number, MessageSent events.
     */
    List<long[]> eventStreamStats(Collection<Long> conversationIds) throws SQLException {
        List<long[]> stats = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT aggregate_identifier, count(*), count(DISTINCT sequence_number), max(sequence_number),
                       count(*) FILTER (WHERE payload_type LIKE '%.MessageSent')
                FROM domain_event_entry WHERE aggregate_identifier = ANY(?) GROUP BY aggregate_identifier""")) {
            statement.setArray(1, connection.createArrayOf("varchar",
                    conversationIds.stream().map(String::valueOf).toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    stats.add(new long[] {Long.parseLong(rows.getString(1)), rows.getLong(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5)});
                }
            }
        }
        return stats;
    }

    long queryLong(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    private Connection connect(String databaseName) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(databaseName), options.pgUser(), options.pgPassword());
    }
}
