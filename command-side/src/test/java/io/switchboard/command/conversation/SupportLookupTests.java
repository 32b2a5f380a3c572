package io.switchboard.command.conversation;

import io.switchboard.api.support.FindSupportConversation;
import io.switchboard.api.support.SupportConversations;
import io.switchboard.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code FindSupportConversation} on the key table (PostgreSQL via {@link TestDatabase}): what a start claims is what
 * the lookup finds, per tenant and exact client id. The lookup through the query bus is in
 * {@link ConversationAxonWiringTests}.
 */
@SpringBootTest(classes = SupportLookupTests.JdbcOnly.class, properties = {
        TestDatabase.SCHEMA_PROPERTY + "=command_side_tests",
        "spring.flyway.locations=classpath:db/migration/command"})
@ContextConfiguration(initializers = TestDatabase.class)
class SupportLookupTests {

    /** The key registry and the lookup on a migrated database, nothing else (see SequenceIdsAndConversationKeysTests). */
    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import({JdbcConversationKeyRegistry.class, SupportLookup.class})
    static class JdbcOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    private ConversationKeyRegistry keys;
    @Autowired
    private SupportLookup lookup;

    private final String tenant = "support-" + UUID.randomUUID();

    @Test
    void theConversationAStartClaimedIsFoundByItsClientIdInItsTenantOnly() {
        assertThat(lookup.handle(new FindSupportConversation(tenant, "conv-1"))).isEmpty();
        assertThat(keys.claim(tenant, ConversationKeys.support("conv-1"), 70)).isTrue();

        assertThat(lookup.handle(new FindSupportConversation(tenant, "conv-1"))).contains(70L);
        assertThat(lookup.handle(new FindSupportConversation("support-" + UUID.randomUUID(), "conv-1"))).isEmpty();
        assertThat(lookup.handle(new FindSupportConversation(tenant, "conv-2"))).isEmpty();
        assertThat(lookup.handle(new FindSupportConversation(tenant, "CONV-1"))).as("exact ids").isEmpty();
        assertThat(keys.claim(tenant, ConversationKeys.support("conv-1"), 71)).as("one conversation per id").isFalse();
    }

    @Test
    void theLongestClientIdAndAnyValidCharactersRoundTripThroughTheTable() {
        String longest = "\uD83D\uDE00é:" + "c".repeat(SupportConversations.MAX_CLIENT_ID_LENGTH - 4);
        assertThat(longest).hasSize(SupportConversations.MAX_CLIENT_ID_LENGTH);
        keys.claim(tenant, ConversationKeys.support(longest), 72);

        assertThat(lookup.handle(new FindSupportConversation(tenant, longest))).contains(72L);
    }

    @Test
    void anIdNoStartWouldAcceptFindsNothing() {
        for (String clientId : new String[]{null, "", "  ", "c".repeat(SupportConversations.MAX_CLIENT_ID_LENGTH + 1),
                "conv\u0000"}) {
            assertThat(lookup.handle(new FindSupportConversation(tenant, clientId))).isEmpty();
        }
        assertThat(lookup.handle(new FindSupportConversation(null, "conv-1"))).isEmpty();
    }
}
