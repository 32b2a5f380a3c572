package io.switchboard.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Points a Spring test context at PostgreSQL when one is reachable, else at an in-memory H2 in PostgreSQL mode, and
 * says so loudly. Each test suite gets its own schema, dropped and recreated once per JVM, so module suites never
 * see each other's rows.
 * <p>
 * Environment: {@code SWITCHBOARD_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code SWITCHBOARD_TEST_DB_USER} (default {@code postgres}), {@code SWITCHBOARD_TEST_DB_PASSWORD} (default empty).
 * {@code SWITCHBOARD_TEST_DB_REQUIRED=true} turns the fallback into a failure (CI sets it).
 * <p>
 * Use: {@code @ContextConfiguration(initializers = TestDatabase.class)} plus a {@code switchboard.test.schema}
 * property naming the suite's schema.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SCHEMA_PROPERTY = "switchboard.test.schema";

    private static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();
    private static volatile Boolean postgresReachable;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String schema = context.getEnvironment().getProperty(SCHEMA_PROPERTY, "switchboard_test");
        if (!schema.matches("[a-z_][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("bad test schema name " + schema);
        }
        TestPropertyValues.of(properties(schema)).applyTo(context);
    }

    /** Spring properties for a suite using {@code schema}; usable from {@code @DynamicPropertySource} too. */
    public static String[] properties(String schema) {
        if (postgresAvailable()) {
            prepareSchema(schema);
            return new String[]{
                    "spring.datasource.url=" + withSchema(url(), schema),
                    "spring.datasource.username=" + user(),
                    "spring.datasource.password=" + password(),
                    "spring.flyway.schemas=" + schema,
                    "spring.flyway.default-schema=" + schema};
        }
        return new String[]{
                "spring.datasource.url=jdbc:h2:mem:" + schema
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "spring.datasource.username=sa",
                "spring.datasource.password="};
    }

    public static boolean postgresAvailable() {
        if (postgresReachable == null) {
            synchronized (TestDatabase.class) {
                if (postgresReachable == null) {
                    postgresReachable = probe();
                }
            }
        }
        return postgresReachable;
    }

    public static String url() {
        return env("SWITCHBOARD_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String user() {
        return env("SWITCHBOARD_TEST_DB_USER", "postgres");
    }

    public static String password() {
        return env("SWITCHBOARD_TEST_DB_PASSWORD", "");
    }

    private static boolean probe() {
        try (Connection ignored = DriverManager.getConnection(url(), user(), password())) {
            System.err.println("[switchboard-tests] integration tests run on PostgreSQL at " + url());
            return true;
        } catch (SQLException e) {
            if (Boolean.parseBoolean(env("SWITCHBOARD_TEST_DB_REQUIRED", "false"))) {
                throw new IllegalStateException("PostgreSQL is required but unreachable at " + url(), e);
            }
            String line = "!".repeat(100);
            System.err.println(line);
            System.err.println("!!! PostgreSQL unreachable at " + url() + " (" + e.getMessage() + ")");
            System.err.println("!!! FALLING BACK TO EMBEDDED H2 (PostgreSQL mode): these are NOT PostgreSQL results.");
            System.err.println(line);
            return false;
        }
    }

    private static void prepareSchema(String schema) {
        if (!PREPARED.add(schema)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url(), user(), password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare test schema " + schema, e);
        }
    }

    private static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
