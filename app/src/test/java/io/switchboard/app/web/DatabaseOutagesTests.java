package io.switchboard.app.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutagesTests {

    @Test
    void aConnectionFailureIsRecognisedThroughAxonsWrappers() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseOutages.causedBy(new CommandExecutionException("failed", new JdbcException("x", lost))))
                .isTrue();
    }

    /** Seen in CI: the request's connection was evicted by the pool after another thread's failure. */
    @Test
    void aPooledConnectionClosedUnderTheRequestIsAnOutage() {
        SQLException closed = new SQLException("Connection is closed");
        assertThat(DatabaseOutages.causedBy(new JdbcException("Failed to create a SQL statement", closed))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        SQLException constraint = new SQLException("duplicate key value", "23505");
        assertThat(DatabaseOutages.causedBy(new JdbcException("insert failed", constraint))).isFalse();
        assertThat(DatabaseOutages.causedBy(new IllegalStateException("bug"))).isFalse();
    }
}
