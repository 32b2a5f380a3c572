package io.switchboard.app;

import io.switchboard.app.eventstore.FailOnceProjection;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole application on a random port, on PostgreSQL (schema {@code app_tests}) when reachable, with tokens
 * signed by {@link TestTokens#SECRET}, plus a {@link FailOnceProjection} (inert unless a test uses it). Test classes sharing it share one Spring context, so they must use their own
 * tenants/ids and never assume empty tables.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {SwitchboardApplication.class, FailOnceProjection.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "switchboard.test.schema=app_tests",
                "switchboard.auth.jwt-secret=" + TestTokens.SECRET,
                "switchboard.data-dir=target/test-data"
        })
@ContextConfiguration(initializers = TestDatabase.class)
public @interface SwitchboardIntegrationTest {
}
