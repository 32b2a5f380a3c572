package io.switchboard.realtime.pusher;

import org.axonframework.config.EventProcessingModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class PusherConfigurationTests {

    private static final String OFF_LINE = "Pusher publishing is OFF";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PusherConfiguration.class)
            .withBean(EventProcessingModule.class);

    /** Variables bound exactly as the real process environment would be. */
    private ApplicationContextRunner withEnvironment(Map<String, Object> variables) {
        return runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables)));
    }

    @Test
    void bindsTheDocumentedEnvironmentVariables() {
        withEnvironment(Map.of("PUSHER_APP_ID", "123", "PUSHER_KEY", "k", "PUSHER_SECRET", "s",
                "PUSHER_HOST", "127.0.0.1", "PUSHER_PORT", "6001", "PUSHER_ENCRYPTED", "false",
                "PUSHER_MAX_EVENT_AGE", "PT5M", "PUSHER_RETRY_MAX_ATTEMPTS", "5")).run(context -> {
            PusherProperties properties = context.getBean(PusherProperties.class);

            assertThat(properties.appId()).isEqualTo("123");
            assertThat(properties.key()).isEqualTo("k");
            assertThat(properties.secret()).isEqualTo("s");
            assertThat(properties.host()).isEqualTo("127.0.0.1");
            assertThat(properties.port()).isEqualTo(6001);
            assertThat(properties.encrypted()).isFalse();
            assertThat(properties.maxEventAge()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.retry().maxAttempts()).isEqualTo(5);
            assertThat(properties.endpoint()).isEqualTo("http://127.0.0.1:6001");
            assertThat(context.getBean(PusherPublisher.class).enabled()).isTrue();
            assertThat(context.getBean(PusherChannelSigner.class).auth("1.2", "private-t.guest-chat-notifications"))
                    .startsWith("k:");
        });
    }

    @Test
    void publishesToAPusherClusterOverHttpsByDefault(CapturedOutput output) {
        withEnvironment(Map.of("PUSHER_APP_ID", "123", "PUSHER_KEY", "k", "PUSHER_SECRET", "s",
                "PUSHER_CLUSTER", "eu")).run(context -> {
            PusherProperties properties = context.getBean(PusherProperties.class);

            assertThat(properties.endpoint()).isEqualTo("https://api-eu.pusher.com");
            assertThat(properties.maxEventAge()).isEqualTo(Duration.ofMinutes(10));
            assertThat(properties.retry()).isEqualTo(new PusherProperties.Retry(3, Duration.ofMillis(200)));
            assertThat(context.getBean(PusherPublisher.class).enabled()).isTrue();
        });
        assertThat(output).contains("Pusher publishing is ON: app 123 at https://api-eu.pusher.com")
                .doesNotContain(OFF_LINE);
    }

    @Test
    void withoutCredentialsConsumesEventsWithoutPublishingAndSaysSoOnce(CapturedOutput output) {
        withEnvironment(Map.of("PUSHER_CLUSTER", "eu")).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PusherPublisher.class).enabled()).isFalse();
            assertThat(context.getBean(PusherChannelSigner.class).enabled()).as("private channels answer 503")
                    .isFalse();
        });
        assertThat(output.getAll().split(OFF_LINE, -1)).hasSize(2);
    }

    @Test
    void refusesToStartWithHalfAConfiguration() {
        withEnvironment(Map.of("PUSHER_APP_ID", "123", "PUSHER_PORT", "6001")).run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("PUSHER_KEY is missing")
                .hasMessageContaining("PUSHER_SECRET is missing")
                .hasMessageContaining("set PUSHER_CLUSTER (e.g. mt1, eu) or PUSHER_HOST")
                .hasMessageContaining("PUSHER_PORT needs PUSHER_HOST")
                .hasMessageNotContaining("PUSHER_APP_ID is missing"));
    }
}
