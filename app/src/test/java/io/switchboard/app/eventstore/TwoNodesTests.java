package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardApplication;
import io.switchboard.app.SwitchboardIntegrationTest;
import io.switchboard.testsupport.TestDatabase;
import io.switchboard.testsupport.TestTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one database, sending to the same conversation at once: Axon's in-JVM aggregate lock
 * cannot serialise them, so the event store's unique (aggregate, sequence) key must turn the loser into a retried
 * ConcurrencyException, and every message still gets a distinct, gap-free sequence number.
 */
@SwitchboardIntegrationTest
class TwoNodesTests {

    @Autowired
    CommandGateway nodeOne;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sendsRacingFromTwoNodesAllSucceedWithConsecutiveSequences() throws Exception {
        String tenant = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        AuthenticatedUser alice = AuthenticatedUser.of("45", "Alice", tenant, Role.STAFF);
        AuthenticatedUser bob = AuthenticatedUser.of("46", "Bob", tenant, Role.STAFF);
        MetaData metaData = MetaData.from(AuditMetadata.of(alice, Dialect.INTERNAL, null));
        long id = ((Number) nodeOne.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null,
                List.of(new Participant("46", "Bob", Role.STAFF)), alice), metaData)).longValue();

        int perNode = 40;
        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            CommandGateway nodeTwo = secondNode.getBean(CommandGateway.class);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Long>>> results = new ArrayList<>();
                for (var node : List.of(new Object[]{nodeOne, alice}, new Object[]{nodeTwo, bob})) {
                    CommandGateway gateway = (CommandGateway) node[0];
                    AuthenticatedUser sender = (AuthenticatedUser) node[1];
                    results.add(pool.submit((Callable<List<Long>>) () -> {
                        start.await();
                        List<Long> sequences = new ArrayList<>();
                        for (int i = 0; i < perNode; i++) {
                            SendMessage send = new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT,
                                    sender.name() + " " + i, null, List.of(), null);
                            sequences.add(gateway.<io.switchboard.api.conversation.MessageAccepted>sendAndWait(
                                    send, metaData).sequence());
                        }
                        return sequences;
                    }));
                }
                start.countDown();
                List<Long> sequences = new ArrayList<>();
                for (Future<List<Long>> result : results) {
                    sequences.addAll(result.get());
                }
                Collections.sort(sequences);
                assertThat(sequences)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perNode).boxed().toList());

                // A command that appends nothing when it sees nothing new must still see the other node's messages.
                nodeTwo.sendAndWait(new SendMessage(id, ConversationKind.STAFF, bob, MessageType.TEXT, "last one",
                        null, List.of(), null), metaData);
                nodeOne.sendAndWait(new MarkConversationRead(id, ConversationKind.STAFF, alice, Long.MAX_VALUE),
                        metaData);
                byte[] read = jdbc.queryForObject("select payload from domain_event_entry where aggregate_identifier = ?"
                        + " and payload_type = ?", byte[].class, String.valueOf(id), ConversationRead.class.getName());
                assertThat(JsonMapper.builder().build().readTree(read).get("upToSequence").asLong())
                        .as("read up to the last message, sent through the other node").isEqualTo(2L * perNode + 1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, String.valueOf(id))).isEqualTo(1 + 2L * perNode + 1 + 1);
    }

    private static ConfigurableApplicationContext startSecondNode() {
        String[] arguments = Stream.concat(Stream.of(TestDatabase.properties("app_tests")), Stream.of(
                        "switchboard.auth.jwt-secret=" + TestTokens.SECRET,
                        "switchboard.data-dir=target/test-data-node-2",
                        "server.port=0"))
                .map(property -> "--" + property) // command-line arguments outrank application.yml
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments);
    }
}
