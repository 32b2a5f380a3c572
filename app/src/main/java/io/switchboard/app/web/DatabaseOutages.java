package io.switchboard.app.web;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a request that failed because the database could not be reached, however deeply the cause is wrapped
 * (Axon's command and query exceptions, a {@code CompletionException}, Spring's data access translation). Such a
 * request stored nothing (a command's events, ids and natural key commit in one transaction or not at all), so the
 * client may safely retry it: 503 with {@code Retry-After}, not 500.
 */
final class DatabaseOutages {

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutages() {
    }

    static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isConnectionFailure(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (isConnectionFailure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof DataAccessResourceFailureException || cause instanceof ConnectException) {
            return true;
        }
        if (!(cause instanceof SQLException sql)) {
            return false;
        }
        // HikariCP's stand-in for a pooled connection it closed meanwhile (evicted after a connection failure on
        // another thread) throws this, without an SQLState: the request had its connection taken from under it.
        if (sql.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
            return true;
        }
        // SQLState class 08: connection exception (PostgreSQL: 08001 cannot connect, 08006 connection failure, ...)
        return sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
