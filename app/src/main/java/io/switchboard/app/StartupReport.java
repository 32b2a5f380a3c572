package io.switchboard.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Where start-up time goes: with {@code SWITCHBOARD_STARTUP_REPORT=true} the application records Spring's start-up
 * steps (bean creation, context refresh phases) and prints the longest ones once it has started. Off by default:
 * recording costs a little and the report is for whoever tunes start-up (docs/architecture.md, "Start-up").
 */
final class StartupReport {

    private static final int STEPS_SHOWN = 30;

    private StartupReport() {
    }

    static void run(Class<?> application, String[] args, PrintStream out) {
        SpringApplication spring = new SpringApplication(application);
        if (!Boolean.parseBoolean(System.getenv("SWITCHBOARD_STARTUP_REPORT"))) {
            spring.run(args);
            return;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(50_000);
        spring.setApplicationStartup(startup);
        spring.run(args);
        StartupTimeline timeline = startup.getBufferedTimeline();
        out.printf("%nStart-up report: the %d longest steps (nested steps are included in their parents)%n",
                STEPS_SHOWN);
        timeline.getEvents().stream()
                .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
                .limit(STEPS_SHOWN)
                .forEach(event -> out.printf("%7d ms  %s %s%n", event.getDuration().toMillis(),
                        event.getStartupStep().getName(), tags(event.getStartupStep())));
        Duration beans = timeline.getEvents().stream()
                .filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                .filter(event -> event.getStartupStep().getParentId() == null
                        || timeline.getEvents().stream().noneMatch(parent -> parent.getStartupStep().getId()
                        == event.getStartupStep().getParentId()
                        && parent.getStartupStep().getName().equals("spring.beans.instantiate")))
                .map(StartupTimeline.TimelineEvent::getDuration)
                .reduce(Duration.ZERO, Duration::plus);
        out.printf("top-level bean instantiation: %d ms%n%n", beans.toMillis());
    }

    private static String tags(StartupStep step) {
        return StreamSupport.stream(step.getTags().spliterator(), false)
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(", "));
    }
}
