package io.switchboard.command.conversation;

import io.switchboard.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@SpringBootTest(classes = SequenceIdsAndConversationKeysTests.JdbcOnly.class, properties = {
        TestDatabase.SCHEMA_PROPERTY + "=command_side_tests",
        "spring.flyway.locations=classpath:db/migration/command"})
@ContextConfiguration(initializers = TestDatabase.class)
class SequenceIdsAndConversationKeysTests {

    /**
     * Just the command side's JDBC collaborators on a migrated database: no component scan and no Axon
     * auto-configuration, because the event store schema belongs to the app and these tests are about the SQL.
     * Nested in the test so that other tests' component scans skip it.
     */
    @SpringBootConfiguration
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class})
    @Import({SequenceIdProviders.class, JdbcConversationKeyRegistry.class})
    static class JdbcOnly {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private static final int CALLERS = 4;
    private static final int IDS_PER_CALLER = 200;
    private static final long MAX_SAFE_JS_INTEGER = (1L << 53) - 1;

    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @Autowired
    private SequenceIdProviders ids;
    @Autowired
    private ConversationKeyRegistry keys;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void messageIdsAreUniqueIncreasingAndJsSafeAcrossConcurrentCallers() throws Exception {
        assertUniqueAndIncreasing(ids::nextMessageId);
    }

    @Test
    void conversationIdsAreUniqueIncreasingAndJsSafeAcrossConcurrentCallers() throws Exception {
        assertUniqueAndIncreasing(ids::nextConversationId);
    }

    private void assertUniqueAndIncreasing(LongSupplier next) throws Exception {
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int caller = 0; caller < CALLERS; caller++) {
            results.add(callers.submit(() -> {
                start.await();
                List<Long> taken = new ArrayList<>();
                for (int i = 0; i < IDS_PER_CALLER; i++) {
                    taken.add(next.getAsLong());
                }
                return taken;
            }));
        }
        Set<Long> all = new HashSet<>();
        for (Future<List<Long>> result : results) {
            List<Long> taken = result.get(30, TimeUnit.SECONDS);
            assertThat(taken).as("each caller sees its ids grow").isSorted().doesNotHaveDuplicates();
            all.addAll(taken);
        }
        assertThat(all).as("no id handed out twice").hasSize(CALLERS * IDS_PER_CALLER)
                .allMatch(id -> id > 0 && id <= MAX_SAFE_JS_INTEGER);
        assertThat(next.getAsLong()).as("a later id is bigger than every earlier one")
                .isGreaterThan(all.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void ofTwoConcurrentClaimsOfOneKeyExactlyOneWinsAndIsFound() throws Exception {
        String tenant = uniqueTenant();
        String key = ConversationKeys.guestRoom("101", "BK-1");
        CyclicBarrier start = new CyclicBarrier(2);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (long conversationId : new long[]{1, 2}) {
            Callable<Boolean> claim = () -> {
                start.await();
                return transaction.execute(status -> keys.claim(tenant, key, conversationId));
            };
            claims.add(callers.submit(claim));
        }
        boolean first = claims.get(0).get(30, TimeUnit.SECONDS);
        boolean second = claims.get(1).get(30, TimeUnit.SECONDS);

        assertThat(first).as("exactly one claim wins").isNotEqualTo(second);
        assertThat(keys.find(tenant, key)).contains(first ? 1L : 2L);
    }

    @Test
    void aClaimIsPerTenantAndKey() {
        String tenant = uniqueTenant();
        String key = ConversationKeys.direct("ann", "bob");

        assertThat(keys.find(tenant, key)).isEmpty();
        assertThat(keys.claim(tenant, key, 10)).isTrue();
        assertThat(keys.claim(tenant, key, 11)).isFalse();
        assertThat(keys.claim(uniqueTenant(), key, 12)).as("another tenant's key").isTrue();
        assertThat(keys.claim(tenant, ConversationKeys.direct("ann", "cy"), 13)).as("another key").isTrue();
        assertThat(keys.find(tenant, key)).contains(10L);
    }

    @Test
    void aClaimRolledBackWithItsCommandLeavesNoTrace() {
        String tenant = uniqueTenant();
        String key = ConversationKeys.guestRoom("101", "BK-1");

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(keys.claim(tenant, key, 20)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(keys.find(tenant, key)).isEmpty();
        assertThat(keys.claim(tenant, key, 21)).isTrue();
    }

    @Test
    void aReleaseFreesTheKeyOnlyForTheConversationHoldingIt() {
        String tenant = uniqueTenant();
        String key = ConversationKeys.liveChat("visitor-1");
        assertThat(keys.claim(tenant, key, 30)).isTrue();

        assertThat(keys.release(tenant, key, 31)).as("another conversation's release").isFalse();
        assertThat(keys.release(uniqueTenant(), key, 30)).as("another tenant's key").isFalse();
        assertThat(keys.find(tenant, key)).contains(30L);

        assertThat(keys.release(tenant, key, 30)).isTrue();
        assertThat(keys.find(tenant, key)).isEmpty();
        assertThat(keys.release(tenant, key, 30)).as("released already").isFalse();
        assertThat(keys.claim(tenant, key, 32)).as("the visitor's next chat").isTrue();
        assertThat(keys.find(tenant, key)).contains(32L);
    }

    @Test
    void aReleaseRolledBackWithItsCommandKeepsTheKey() {
        String tenant = uniqueTenant();
        String key = ConversationKeys.liveChat("visitor-1");
        keys.claim(tenant, key, 40);

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            assertThat(keys.release(tenant, key, 40)).isTrue();
            status.setRollbackOnly();
        });

        assertThat(keys.find(tenant, key)).contains(40L);
        assertThat(keys.claim(tenant, key, 41)).isFalse();
    }

    @Test
    void aClaimRacingAnUncommittedReleaseWaitsAndWinsOnceTheReleaseCommits() throws Exception {
        assumeTrue(TestDatabase.postgresAvailable(), "PostgreSQL's row locks decide this race");
        String tenant = uniqueTenant();
        String key = ConversationKeys.liveChat("visitor-1");
        keys.claim(tenant, key, 50);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);

        Future<Boolean> close = callers.submit(() -> transaction.execute(status -> {
            boolean freed = keys.release(tenant, key, 50);
            released.countDown();
            await(commit);
            return freed;
        }));
        assertThat(released.await(30, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> start = callers.submit(() -> transaction.execute(status -> keys.claim(tenant, key, 51)));
        Thread.sleep(300);
        assertThat(start).as("the claim waits for the close's transaction").isNotDone();
        commit.countDown();

        assertThat(close.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(start.get(30, TimeUnit.SECONDS)).as("the key is free once the close committed").isTrue();
        assertThat(keys.find(tenant, key)).contains(51L);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueTenant() {
        return "hotel-" + UUID.randomUUID();
    }
}
