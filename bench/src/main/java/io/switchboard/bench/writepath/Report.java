package io.switchboard.bench.writepath;

import java.util.ArrayList;
import java.util.List;

/** The final markdown table: one row per figure, throughputs also as a ratio to the pgbench ceilings. */
final class Report {

    /**
     * @param messagesPerSecond the row's throughput, for the ratio columns (NaN when the row is not a throughput)
     * @param vsSingleClient    whether the ratio to pgbench-1 is meaningful (single-client and sequential rows)
     * @param met               "yes", "no" or "" when the row has no target
     */
    record Row(String phase, String measurement, String result, double messagesPerSecond, boolean vsSingleClient,
               String errors, String target, String met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private double pgbench1 = Double.NaN;
    private double pgbench16 = Double.NaN;

    void pgbench(int clients, double tps) {
        if (clients == 1) {
            pgbench1 = tps;
        } else if (clients == 16) {
            pgbench16 = tps;
        }
    }

    double pgbench16() {
        return pgbench16;
    }

    void add(Row row) {
        rows.add(row);
    }

    void add(String phase, String measurement, String result) {
        rows.add(new Row(phase, measurement, result, Double.NaN, false, "", "", ""));
    }

    static String met(boolean condition) {
        return condition ? "yes" : "**no**";
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| phase | measurement | result | ÷ pgbench-16 | ÷ pgbench-1 | errors | target | met |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ").append(row.phase())
                    .append(" | ").append(row.measurement())
                    .append(" | ").append(row.result())
                    .append(" | ").append(Double.isNaN(row.messagesPerSecond()) ? ""
                            : Format.ratio(row.messagesPerSecond() / pgbench16))
                    .append(" | ").append(Double.isNaN(row.messagesPerSecond()) || !row.vsSingleClient() ? ""
                            : Format.ratio(row.messagesPerSecond() / pgbench1))
                    .append(" | ").append(row.errors())
                    .append(" | ").append(row.target())
                    .append(" | ").append(row.met())
                    .append(" |\n");
        }
        return out.toString();
    }
}
