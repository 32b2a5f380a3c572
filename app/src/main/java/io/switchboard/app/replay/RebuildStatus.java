package io.switchboard.app.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * A read-model rebuild as {@code GET /api/admin/replay} shows it. Events are counted by position in the event store
 * (global index): {@code eventsTotal} is what was stored when the rebuild started, {@code eventsDone} how far the
 * slowest segment has come (events stored during the rebuild are handled too, but not counted). Rates are averages
 * since the start.
 *
 * @param state            IDLE (none since the node started), RUNNING, DONE or FAILED
 * @param eventsPerSecond  events done per second of the rebuild so far
 * @param etaSeconds       remaining events at that rate; null when not running or no rate yet
 * @param processingGroups the processors rebuilt
 * @param error            why it failed to start, or the error the processor is retrying (it retries until it
 *                         succeeds, so a RUNNING rebuild may show one); null otherwise
 */
public record RebuildStatus(State state, List<String> processingGroups, Instant startedAt, Instant finishedAt,
                            long eventsDone, long eventsTotal, double eventsPerSecond, Long etaSeconds,
                            double elapsedSeconds, String error,
                            long tailPosition, long headPosition) {

    public enum State { IDLE, RUNNING, DONE, FAILED }

    static RebuildStatus idle() {
        return new RebuildStatus(State.IDLE, List.of(), null, null, 0, 0, 0, null, 0, null, -1, -1);
    }

    static RebuildStatus failed(List<String> groups, Instant startedAt, Instant at, String error) {
        return new RebuildStatus(State.FAILED, groups, startedAt, at, 0, 0, 0, null,
                seconds(startedAt, at), error, -1, -1);
    }

    static RebuildStatus running(List<String> groups, Instant startedAt, long tail, long head) {
        return new RebuildStatus(State.RUNNING, groups, startedAt, null, 0, Math.max(0, head - tail), 0, null, 0,
                null, tail, head);
    }

    RebuildStatus progress(long position, Instant now, boolean finished, String currentError) {
        long done = Math.max(0, Math.min(position, headPosition) - tailPosition);
        double elapsed = seconds(startedAt, now);
        double rate = elapsed > 0 ? done / elapsed : 0;
        Long eta = finished ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round((eventsTotal - done) / rate)) : null;
        return new RebuildStatus(finished ? State.DONE : State.RUNNING, processingGroups, startedAt,
                finished ? now : null, finished ? eventsTotal : done, eventsTotal, rate, eta, elapsed, currentError,
                tailPosition, headPosition);
    }

    /** The JSON of {@code GET /api/admin/replay} (positions are internal: not shown). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state.name().toLowerCase(Locale.ROOT));
        json.put("processingGroups", processingGroups);
        json.put("eventsDone", eventsDone);
        json.put("eventsTotal", eventsTotal);
        json.put("eventsPerSecond", Math.round(eventsPerSecond));
        json.put("etaSeconds", etaSeconds);
        json.put("elapsedSeconds", Math.round(elapsedSeconds * 10) / 10.0);
        json.put("startedAt", startedAt == null ? null : startedAt.toString());
        json.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
        json.put("error", error);
        return json;
    }

    /** One log line: "123,456 / 269,287 events (45.8 %), 21,345 events/s, ETA 6 s". */
    public String describe() {
        double percent = eventsTotal == 0 ? 100 : 100.0 * eventsDone / eventsTotal;
        String line = String.format(Locale.ROOT, "%,d / %,d events (%.1f %%), %,.0f events/s, %s", eventsDone,
                eventsTotal, percent, eventsPerSecond,
                state == State.DONE ? String.format(Locale.ROOT, "took %.1f s", elapsedSeconds)
                        : etaSeconds == null ? "ETA unknown" : "ETA " + etaSeconds + " s");
        return error == null ? line : line + ", retrying after: " + error;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
