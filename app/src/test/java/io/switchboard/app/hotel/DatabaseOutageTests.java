package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardApplication;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.junit.jupiter.EnabledIf;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running app (its connections drop, its port refuses): every request that needs it
 * answers 503 {@code {"detail"}} with {@code Retry-After}, never 500, stores nothing, and the app serves again once
 * the database is back. A context of its own (its datasource runs through a cuttable TCP proxy), so its own schema.
 */
@EnabledIf(expression = "#{T(io.switchboard.testsupport.TestDatabase).postgresAvailable()}", loadContext = false)
@SpringBootTest(classes = SwitchboardApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "switchboard.auth.jwt-secret=" + TestTokens.SECRET,
                "switchboard.data-dir=target/test-data",
                "spring.datasource.hikari.connection-timeout=1000",
                "spring.datasource.hikari.validation-timeout=500"
        })
class DatabaseOutageTests {

    private static final String SCHEMA = "app_outage_tests";
    private static final URI DATABASE = URI.create(TestDatabase.url().substring("jdbc:".length()));
    private static final SwitchableTcpProxy PROXY = SwitchableTcpProxy.to(DATABASE.getHost(),
            DATABASE.getPort() < 0 ? 5432 : DATABASE.getPort());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void databaseThroughTheProxy(DynamicPropertyRegistry registry) {
        for (String property : TestDatabase.properties(SCHEMA)) {
            String name = property.substring(0, property.indexOf('='));
            String value = property.substring(property.indexOf('=') + 1);
            registry.add(name, () -> name.equals("spring.datasource.url")
                    ? value.replace("//" + DATABASE.getRawAuthority() + "/", "//127.0.0.1:" + PROXY.port() + "/")
                    : value);
        }
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAnswer503WithRetryAfterAndStoreNothing() throws SQLException {
        Hotel hotel = new Hotel(new HotelApi(port));
        AuthenticatedUser john = hotel.staff("John Doe");
        AuthenticatedUser mary = hotel.staff("Mary Smith");
        AuthenticatedUser guest = hotel.guest("Ann Guest", "101", "B-1");
        long conversation = hotel.createStaffChat(john, mary);
        hotel.sendStaffChat(conversation, john, "before the outage");
        long eventsBefore = events();
        RawHttp http = new RawHttp(port);
        String staffToken = "Bearer " + TestTokens.token(john);
        Map<String, Supplier<RawHttp.Response>> requests = Map.of(
                "send", () -> http.send("POST", hotel.sendStaffChatMessage(conversation), json(staffToken),
                        "{\"text\":\"during the outage\"}".getBytes()),
                "guest's first message", () -> http.send("POST", hotel.guestMessages(),
                        json("Bearer " + TestTokens.token(guest)), "{\"message\":\"towels\"}".getBytes()),
                "create", () -> http.send("POST", hotel.staffChats(), json(staffToken),
                        ("{\"participant_ids\":[" + mary.userId() + "]}").getBytes()),
                "mark read", () -> http.send("POST", hotel.staffChatMarkRead(conversation), json(staffToken), null),
                "page", () -> http.send("GET", hotel.staffChatMessages(conversation), json(staffToken), null),
                "list", () -> http.send("GET", hotel.roomChats(), json(staffToken), null));

        PROXY.cut();
        try {
            requests.forEach((name, request) -> {
                RawHttp.Response response = request.get();
                assertThat(response.status()).as("%s: %s", name, response.text()).isEqualTo(503);
                assertThat(response.header("Retry-After")).as(name).isEqualTo("5");
                assertThat(response.header("Content-Type")).as(name).startsWith("application/json");
                assertThat(response.text()).as(name)
                        .isEqualTo("{\"detail\":\"The service is temporarily unavailable; please retry.\"}");
            });
        } finally {
            PROXY.restore();
        }

        assertThat(events()).as("nothing half-stored").isEqualTo(eventsBefore);
        HotelApi.Response after = await().atMost(Duration.ofSeconds(20)).until(
                () -> hotel.api.post(hotel.sendStaffChatMessage(conversation), john, Map.of("text", "back again")),
                response -> response.status() == 201);
        assertThat(after.get("text").asString()).isEqualTo("back again");
    }

    private static Map<String, String> json(String token) {
        return Map.of("Authorization", token, "Content-Type", "application/json");
    }

    /** Counted around the proxy, straight from the database. */
    private static long events() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(),
                TestDatabase.password());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from " + SCHEMA + ".domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }
}
