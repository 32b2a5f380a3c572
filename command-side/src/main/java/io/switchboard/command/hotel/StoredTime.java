package io.switchboard.command.hotel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the read models hold them. The clock ticks in nanoseconds, PostgreSQL stores microseconds (rounding half
 * up, as its JDBC driver does); an answer built from a command's result is rounded the same way, so the POST answer
 * shows exactly the timestamp every later GET shows.
 */
final class StoredTime {

    private static final long HALF_A_MICROSECOND = 500;

    private StoredTime() {
    }

    static Instant of(Instant instant) {
        return instant.plusNanos(HALF_A_MICROSECOND).truncatedTo(ChronoUnit.MICROS);
    }
}
