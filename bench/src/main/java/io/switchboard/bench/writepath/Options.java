package io.switchboard.bench.writepath;

import io.switchboard.bench.BenchArguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options, {@code --name=value}. Every phase is bounded by these durations, so a run against a slow
 * server still ends; {@code --quick} shortens all of them for a smoke run.
 */
record Options(
        Set<String> phases,
        boolean quick,
        Duration serverWarmup,
        Duration warmup,
        Duration measure,
        Duration pgbenchDuration,
        int openLoopRate,
        int maxInFlight,
        int longConversationMessages,
        Duration longConversationFillCap,
        int burstMessages,
        Duration requestTimeout,
        Duration budget,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        String database,
        List<String> serverJvmOptions) {

    /**
     * The server's JVM options of the production image (Dockerfile): G1 aiming at 20 ms pauses. With G1's default
     * 200 ms target, young collections every ~1.7 s paused the server 25–70 ms at 1,000 msg/s: the p99 of phase d.
     * {@code --server-jvm-options} come after these, so they can override them.
     */
    static final List<String> PRODUCTION_JVM_OPTIONS = List.of("-XX:MaxGCPauseMillis=20");

    /** In run order. {@code d} also measures e(i), Pusher delivery, on the same open-loop traffic. */
    static final List<String> ALL_PHASES = List.of("pgbench", "a", "b", "c", "d", "e", "f", "g");

    static final String USAGE = """
            WritePathBenchmark [--phases=pgbench,a,b,c,d,e,f,g] [--quick] [--server-warmup=90] [--warmup=3] [--measure=10]
                               [--pgbench-seconds=10] [--rate=1000] [--max-in-flight=256]
                               [--long-messages=10000] [--long-fill-cap=90] [--burst=2000]
                               [--request-timeout=30] [--budget=720]
                               [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=]
                               [--database=bench_pg] [--server-jvm-options="-Xmx1g -XX:+UseG1GC"]
              phases: pgbench = event-shaped insert ceiling; a = 1 client, 1 conversation; b = 1 conversation at
              4/16/64 clients; c = 100 conversations at 16/64 clients; d = open loop at --rate over 100
              conversations, with Pusher delivery (e.i); e = read-model visibility at --rate (e.ii) and the burst;
              f = long conversation (#10 vs #10,000); g = correctness check. Durations in seconds; the server
              warm-up (8 clients, 8 conversations, not reported) runs once before the first load phase.
              The database --database is DROPPED and recreated.
            """;

    static Options parse(String[] args) {
        Map<String, String> values = BenchArguments.parse(args, USAGE);
        boolean quick = Boolean.parseBoolean(values.remove("quick"));
        Set<String> phases = BenchArguments.phases(values, ALL_PHASES, USAGE);
        Options options = new Options(
                phases,
                quick,
                seconds(values.remove("server-warmup"), quick ? 3 : 90),
                seconds(values.remove("warmup"), quick ? 1 : 3),
                seconds(values.remove("measure"), quick ? 4 : 10),
                seconds(values.remove("pgbench-seconds"), quick ? 3 : 10),
                integer(values.remove("rate"), 1000),
                integer(values.remove("max-in-flight"), 256),
                integer(values.remove("long-messages"), quick ? 1000 : 10_000),
                seconds(values.remove("long-fill-cap"), quick ? 30 : 90),
                integer(values.remove("burst"), quick ? 500 : 2000),
                seconds(values.remove("request-timeout"), 30),
                seconds(values.remove("budget"), 720),
                values.getOrDefault("pg-host", "127.0.0.1"),
                integer(values.get("pg-port"), 5432),
                values.getOrDefault("pg-user", "postgres"),
                values.getOrDefault("pg-password", ""),
                values.getOrDefault("database", "bench_pg"),
                serverJvmOptions(values.get("server-jvm-options")));
        for (String known : List.of("pg-host", "pg-port", "pg-user", "pg-password", "database", "server-jvm-options")) {
            values.remove(known);
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        return options;
    }

    private static List<String> serverJvmOptions(String given) {
        List<String> options = new ArrayList<>(PRODUCTION_JVM_OPTIONS);
        if (given != null && !given.isBlank()) {
            options.addAll(List.of(given.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    String jdbcUrl() {
        return jdbcUrl(database);
    }

    String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + databaseName;
    }

    private static Duration seconds(String value, double defaultSeconds) {
        double seconds = value == null ? defaultSeconds : Double.parseDouble(value);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static int integer(String value, int defaultValue) {
        return value == null ? defaultValue : Integer.parseInt(value);
    }
}
