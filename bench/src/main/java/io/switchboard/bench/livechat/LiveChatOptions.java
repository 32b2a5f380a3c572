package io.switchboard.bench.livechat;

import io.switchboard.bench.BenchArguments;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@link LiveChatBenchmark}, {@code --name=value}; {@code --quick} shortens every phase. */
record LiveChatOptions(
        Set<String> phases,
        int claims,
        int claimWarmup,
        int claimPairs,
        int claimConcurrency,
        int claimIntervalMillis,
        int staff,
        int fanoutRounds,
        int idleStep,
        int idleMax,
        int idlePerOrganisation,
        int connectConcurrency,
        boolean clientDeflate,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        String database,
        List<String> serverJvmOptions) {

    static final List<String> ALL_PHASES = List.of("claim", "fanout", "heap");

    static final String USAGE = """
            LiveChatBenchmark [--phases=claim,fanout,heap] [--quick]
                              [--claims=300] [--claim-warmup=30] [--claim-pairs=8] [--claim-concurrency=1]
                              [--claim-interval-ms=150]
                              [--staff=500] [--fanout-rounds=20]
                              [--idle-step=1000] [--idle-max=10000] [--idle-per-org=100] [--connect-concurrency=50]
                              [--client-deflate=true]
                              [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=]
                              [--database=bench_livechat] [--server-jvm-options="-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch"]
              claim  = visitor_first_msg, then staff_join {visitor} timed from emit to ack, then visitor_leave_room;
                       --claim-pairs visitor/agent pairs in turn, --claim-concurrency of them at once, each pair
                       starting an iteration at most every --claim-interval-ms (the server allows 20 events/s)
              fanout = --staff agents of one organisation connected (each waits for staff_init), then per round a
                       visitor's visitor_first_msg until every staff socket has append_unclaimed_chats
              heap   = used heap after a full GC (jcmd GC.run; GC.heap_info) with 0, --idle-step, ... --idle-max
                       idle visitor sockets connected, --idle-per-org visitors to an organisation (0: all in one),
                       no staff online; each row once the server's CPU has settled after connecting the batch
              --client-deflate=false: the clients do not offer permessage-deflate (browsers and
                       socket.io-client do by default)
              The database --database is DROPPED and recreated. The server gets a fixed heap (the JVM options).
            """;

    static LiveChatOptions parse(String[] args) {
        Map<String, String> values = BenchArguments.parse(args, USAGE);
        boolean quick = Boolean.parseBoolean(values.remove("quick"));
        Set<String> phases = BenchArguments.phases(values, ALL_PHASES, USAGE);
        String jvm = values.remove("server-jvm-options");
        LiveChatOptions options = new LiveChatOptions(
                phases,
                integer(values.remove("claims"), quick ? 100 : 300),
                integer(values.remove("claim-warmup"), quick ? 10 : 30),
                integer(values.remove("claim-pairs"), 8),
                integer(values.remove("claim-concurrency"), 1),
                integer(values.remove("claim-interval-ms"), 150),
                integer(values.remove("staff"), 500),
                integer(values.remove("fanout-rounds"), quick ? 5 : 20),
                integer(values.remove("idle-step"), 1000),
                integer(values.remove("idle-max"), quick ? 2000 : 10_000),
                integer(values.remove("idle-per-org"), 100),
                integer(values.remove("connect-concurrency"), 50),
                Boolean.parseBoolean(orDefault(values.remove("client-deflate"), "true")),
                orDefault(values.remove("pg-host"), "127.0.0.1"),
                integer(values.remove("pg-port"), 5432),
                orDefault(values.remove("pg-user"), "postgres"),
                orDefault(values.remove("pg-password"), ""),
                orDefault(values.remove("database"), "bench_livechat"),
                List.of((jvm == null || jvm.isBlank() ? "-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch" : jvm).trim().split("\\s+")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        if (options.claimConcurrency() > options.claimPairs()) {
            throw new IllegalArgumentException("--claim-concurrency cannot exceed --claim-pairs");
        }
        if (!options.database().matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain identifier: " + options.database());
        }
        return options;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + databaseName;
    }

    private static int integer(String value, int defaultValue) {
        return value == null ? defaultValue : Integer.parseInt(value.trim());
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }
}
