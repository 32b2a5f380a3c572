package io.switchboard.bench.directchat;

import io.switchboard.bench.BenchArguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@link DirectChatBenchmark}, {@code --name=value}; {@link #USAGE} lists them. */
record DirectOptions(
        Set<String> phases,
        boolean quick,
        int pairs,
        List<Integer> rates,
        Duration warmup,
        Duration measure,
        Duration drain,
        List<Integer> idleSteps,
        String idleHeap,
        String tomcatMaxConnections,
        int connectConcurrency,
        String redisUrl,
        String jdbcUrl,
        String pgUser,
        String pgPassword,
        List<String> serverJvmOptions,
        Map<String, String> serverEnvironment) {

    static final List<String> ALL_PHASES = List.of("single", "cross", "idle");

    /** The server's per-socket limit (switchboard.direct-chat.frames-per-second); a sender must stay below it. */
    static final int FRAMES_PER_SECOND_LIMIT = 20;

    static final String USAGE = """
            DirectChatBenchmark [--phases=single,cross,idle] [--quick] [--pairs=50] [--rate=500[,...]]
                                [--warmup=90] [--measure=60] [--drain=60]
                                [--idle-steps=1000,2000,3000,5000,7500,10000] [--idle-heap=512m]
                                [--tomcat-max-connections=20000|default] [--connect-concurrency=16]
                                [--redis-url=redis://127.0.0.1:6379]
                                [--pg-host=127.0.0.1] [--pg-port=5432] [--pg-user=postgres] [--pg-password=]
                                [--database=bench_direct] [--server-jvm-options="-XX:+UseG1GC"]
                                [--server-env=NAME=value,NAME=value]
              single: one node; --pairs sender/receiver pairs, each with both chat sockets open, and an open-loop
                      sender offering --rate chat_message frames a second in all (rate/pairs per sender, which must
                      stay under the server's 20 frames/s per socket); --warmup not measured, its rate rising from
                      a fifth of the rate to the rate, then (once the warm-up's messages have arrived, or --drain
                      passed) --measure at the rate;
                      latency = receiver's receive instant - sender's send instant (matched by client_message_id);
                      a message not received --drain after the schedule is lost. Several rates (--rate=100,250,500)
                      run one after the other on the same node, each with fresh pairs and its own warm-up.
              cross:  the same with two nodes on one database and Redis: senders on node B, receivers on node A.
              idle:   one node with -Xmx--idle-heap; idle chat sockets opened in --idle-steps (totals), the heap
                      after a full GC (jcmd) after each step; the node gets server.tomcat.max-connections
                      (Tomcat's default is 8192) unless --tomcat-max-connections=default.
              --server-env adds variables to every node's environment
                      (e.g. SWITCHBOARD_DIRECT_CHAT_MAX_FRAME_BYTES=16384).
              The database must exist (bench/run-direct-chat.sh recreates it); durations in seconds.
            """;

    static DirectOptions parse(String[] args) {
        Map<String, String> values = BenchArguments.parse(args, USAGE);
        boolean quick = Boolean.parseBoolean(values.remove("quick"));
        Set<String> phases = BenchArguments.phases(values, ALL_PHASES, USAGE);
        String database = take(values, "database", "bench_direct");
        String host = take(values, "pg-host", "127.0.0.1");
        String port = take(values, "pg-port", "5432");
        String jvmOptions = take(values, "server-jvm-options", "");
        DirectOptions options = new DirectOptions(
                phases,
                quick,
                Integer.parseInt(take(values, "pairs", "50")),
                integers(take(values, "rate", "500")),
                seconds(take(values, "warmup", quick ? "10" : "90")),
                seconds(take(values, "measure", quick ? "8" : "60")),
                seconds(take(values, "drain", "60")),
                integers(take(values, "idle-steps", quick ? "1000,2000" : "1000,2000,3000,5000,7500,10000")),
                take(values, "idle-heap", "512m"),
                take(values, "tomcat-max-connections", "20000"),
                Integer.parseInt(take(values, "connect-concurrency", "16")),
                take(values, "redis-url", "redis://127.0.0.1:6379"),
                "jdbc:postgresql://" + host + ":" + port + "/" + database,
                take(values, "pg-user", "postgres"),
                take(values, "pg-password", ""),
                jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+")),
                environment(take(values, "server-env", "")));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + values.keySet() + "\n" + USAGE);
        }
        if (options.rates().stream().anyMatch(rate -> (double) rate / options.pairs() >= FRAMES_PER_SECOND_LIMIT)) {
            throw new IllegalArgumentException("--rate / --pairs must stay under the server's "
                    + FRAMES_PER_SECOND_LIMIT + " frames/s per socket, or the server drops frames as rate_limited");
        }
        return options;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static String take(Map<String, String> values, String name, String defaultValue) {
        String value = values.remove(name);
        return value == null ? defaultValue : value;
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    private static List<Integer> integers(String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add(Integer.parseInt(part.trim().replace("_", "")));
        }
        return list;
    }

    private static Map<String, String> environment(String value) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            if (!pair.isBlank()) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--server-env takes NAME=value pairs: " + pair);
                }
                environment.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return environment;
    }
}
