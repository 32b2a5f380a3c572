package io.switchboard.app.replay;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar switchboard.jar replay}: starts the application without its Socket.IO servers, its HTTP server on
 * a free local port only, and with no event processor running on its own, rebuilds the read models ({@link ReadModelRebuild}), prints progress and exits
 * (0 when done, 1 when the rebuild could not start). Run it while no server holds the read-model processor's segments
 * (servers stopped); on a running installation use {@code POST /api/admin/replay} instead.
 */
public final class ReplayCommand {

    private static final String USAGE = "usage: java -jar switchboard.jar replay [--progress-seconds 2]"
            + " [Spring properties, e.g. --spring.datasource.url=...]";

    private ReplayCommand() {
    }

    /** @return the process exit code */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Duration every = Duration.ofSeconds(2);
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--progress-seconds") && i + 1 < args.length) {
                every = Duration.ofSeconds(Math.max(1, Long.parseLong(args[++i])));
            } else {
                springArgs.add(args[i]);
            }
        }
        // The web server stays (the WebSocket endpoints need a servlet context) but listens on a free local port.
        springArgs.addAll(0, List.of("--server.port=0", "--server.address=127.0.0.1",
                "--switchboard.processors.auto-start=false", "--switchboard.livechat.enabled=false",
                "--switchboard.support.enabled=false", "--switchboard.replay.log-interval=1h"));
        SpringApplication spring = new SpringApplication(application);
        try (ConfigurableApplicationContext context = spring.run(springArgs.toArray(String[]::new))) {
            ReadModelRebuild rebuild = context.getBean(ReadModelRebuild.class);
            RebuildStatus status = rebuild.start();
            if (status == null || status.state() == RebuildStatus.State.FAILED) {
                err.println("The rebuild could not start: " + (status == null ? "one is running" : status.error()));
                return 1;
            }
            out.println("Rebuilding the read models " + status.processingGroups() + ": " + status.eventsTotal()
                    + " events stored");
            while (status.state() == RebuildStatus.State.RUNNING) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    err.println("interrupted; the rebuild continues at the next start of a server");
                    return 1;
                }
                status = rebuild.status();
                out.println(status.describe());
            }
            out.println("Done: " + status.describe());
            return 0;
        }
    }
}
