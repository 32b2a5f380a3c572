package io.switchboard.bench.support;

import io.switchboard.bench.BenchArguments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@link SupportBenchmark}, {@code --name=value}; {@code --quick} shortens the runs. */
record SupportOptions(
        Set<String> phases,
        boolean quick,
        int roomMembers,
        int roomMessages,
        double roomRate,
        int roomSenders,
        int dashboardSubscribers,
        int dashboardMessages,
        double dashboardRate,
        int createdConversations,
        int warmup,
        Duration timeout,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        String database,
        List<String> serverJvmOptions,
        Path reportFrom) {

    static final List<String> ALL_PHASES = List.of("room", "dashboard");

    /** The server refuses more than this many events a second from one connection (bursts of 40). */
    static final double SERVER_EVENTS_PER_SECOND = 20;

    static final String USAGE = """
            SupportBenchmark [--phases=room,dashboard] [--quick]
                             [--room-members=100] [--room-messages=200] [--room-rate=10] [--room-senders=1]
                             [--dashboard-subscribers=200] [--dashboard-messages=200] [--dashboard-rate=10]
                             [--created=50] [--warmup=20] [--timeout=10]
                             [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=]
                             [--database=bench_support] [--server-jvm-options="-Xmx1g"]
                             [--report-from=bench/target/support-<run>.jsonl]
              room: --room-members connections (1 customer, the rest agents) join one support conversation; the
              senders (the customer first, then agents; they take turns) send --room-messages messages at
              --room-rate a second in all; every new_message is timed from the sender's emit.
              dashboard: --dashboard-subscribers agents and supervisors (3:1) join the dashboard; a customer sends
              --dashboard-messages messages into one conversation at --dashboard-rate a second
              (conversation_updated), then starts --created new conversations at the same rate
              (conversation_created). Each phase first sends --warmup messages that are not reported.
              --timeout: seconds a message may take to reach everybody before its missing deliveries count as
              missing. --quick: 50 messages, 20 conversations, 10 warm-up. Each sender stays under the server's
              20 events a second per connection. The database --database is DROPPED and recreated.
              --report-from: print the figures of an earlier run from its saved output (give that run's options);
              starts nothing.
            """;

    static SupportOptions parse(String[] args) {
        Map<String, String> values = BenchArguments.parse(args, USAGE);
        boolean quick = Boolean.parseBoolean(values.remove("quick"));
        Set<String> phases = BenchArguments.phases(values, ALL_PHASES, USAGE);
        String jvm = values.remove("server-jvm-options");
        String reportFrom = values.remove("report-from");
        SupportOptions options = new SupportOptions(
                phases,
                quick,
                integer(values.remove("room-members"), 100),
                integer(values.remove("room-messages"), quick ? 50 : 200),
                decimal(values.remove("room-rate"), 10),
                integer(values.remove("room-senders"), 1),
                integer(values.remove("dashboard-subscribers"), 200),
                integer(values.remove("dashboard-messages"), quick ? 50 : 200),
                decimal(values.remove("dashboard-rate"), 10),
                integer(values.remove("created"), quick ? 20 : 50),
                integer(values.remove("warmup"), quick ? 10 : 20),
                Duration.ofMillis(Math.round(decimal(values.remove("timeout"), 10) * 1000)),
                orElse(values.remove("pg-host"), "127.0.0.1"),
                integer(values.remove("pg-port"), 5432),
                orElse(values.remove("pg-user"), "postgres"),
                orElse(values.remove("pg-password"), ""),
                orElse(values.remove("database"), "bench_support"),
                jvm == null || jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+")),
                reportFrom == null || reportFrom.isBlank() ? null : Path.of(reportFrom));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        options.check();
        return options;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    String jdbcUrl(String databaseName) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + databaseName;
    }

    /** Messages a second each sender of the room phase sends. */
    double roomRatePerSender() {
        return roomRate / roomSenders;
    }

    private void check() {
        if (roomMembers < 2 || dashboardSubscribers < 1) {
            throw new IllegalArgumentException("--room-members must be at least 2, --dashboard-subscribers at least 1");
        }
        if (roomSenders < 1 || roomSenders > roomMembers) {
            throw new IllegalArgumentException("--room-senders must be from 1 to --room-members");
        }
        if (roomRate <= 0 || dashboardRate <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
        // 3/4 of the limit leaves room for the schedule's jitter (an emit that runs late is followed by one on time)
        double allowed = SERVER_EVENTS_PER_SECOND * 0.75;
        if (roomRatePerSender() > allowed || dashboardRate > allowed) {
            throw new IllegalArgumentException(String.format(
                    "a sender may send at most %.0f messages a second (the server limits each connection to %.0f "
                            + "events a second): raise --room-senders or lower the rate", allowed,
                    SERVER_EVENTS_PER_SECOND));
        }
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
    }

    private static String orElse(String value, String otherwise) {
        return value == null ? otherwise : value;
    }

    private static int integer(String value, int otherwise) {
        return value == null ? otherwise : Integer.parseInt(value);
    }

    private static double decimal(String value, double otherwise) {
        return value == null ? otherwise : Double.parseDouble(value);
    }
}
