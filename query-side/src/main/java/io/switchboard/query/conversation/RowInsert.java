package io.switchboard.query.conversation;

import java.util.Collections;

/**
 * A multi-row {@code INSERT ... VALUES (...), (...), ...} of one read-model table: one statement for many rows,
 * which PostgreSQL executes far faster than the same rows as a JDBC batch of single-row inserts (and H2 understands
 * it too). Rows are inserted in the order given, so identity ids follow it.
 *
 * @param head    {@code INSERT INTO table (columns)}
 * @param columns how many parameters one row binds
 * @param tail    e.g. {@code ON CONFLICT DO NOTHING}, or empty
 */
record RowInsert(String head, int columns, String tail) {

    String sql(int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return head + " VALUES " + String.join(", ", Collections.nCopies(rows, row)) + tail;
    }
}
