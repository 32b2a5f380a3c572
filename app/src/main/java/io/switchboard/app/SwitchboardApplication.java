package io.switchboard.app;

import io.switchboard.app.identity.TokenCommand;
import io.switchboard.app.replay.ReplayCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

import java.time.Clock;
import java.util.Arrays;

/** The one bootable application: assembles the command side, the query side and the realtime projector. */
@SpringBootApplication(scanBasePackages = "io.switchboard")
@EntityScan("io.switchboard.query")
@EnableJpaRepositories("io.switchboard.query")
public class SwitchboardApplication {

    private static final String UPDATE_CHECKER = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // A chat backend does not phone home unasked: Axon's update checker stays off unless explicitly enabled.
        if (System.getProperty(UPDATE_CHECKER) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(UPDATE_CHECKER, "true");
        }
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    Clock.systemUTC(), System.out, System.err));
        }
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(ReplayCommand.run(SwitchboardApplication.class, Arrays.copyOfRange(args, 1, args.length),
                    System.out, System.err));
        }
        StartupReport.run(SwitchboardApplication.class, args, System.out);
    }
}
