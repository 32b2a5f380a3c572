package io.switchboard.app.eventstore;

import io.switchboard.api.audit.AuditMetadata;
import io.switchboard.api.audit.Dialect;
import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A busy group chat: many senders on one conversation at once. Commands on one conversation are sequential, so they
 * queue; queueing must not take database connections (32 waiting senders used to drain the pool, and the sender
 * taking the 100th event's snapshot then waited for a connection that the waiters held), and the group commit that
 * lets them share transactions must keep every rule of one command per transaction.
 */
@SwitchboardIntegrationTest
class BusyConversationTests {

    private static final int SENDERS = 32;
    private static final int MESSAGES_EACH = 10;

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirtyTwoConcurrentSendersAllSucceedWithGapFreeSequences() throws Exception {
        String tenant = tenant();
        List<AuthenticatedUser> senders = staff(tenant, SENDERS);
        long id = start(tenant, senders);

        List<List<MessageAccepted>> answers = race(senders, sender -> IntStream.range(0, MESSAGES_EACH)
                .mapToObj(i -> send(id, sender, sender.name() + " " + i, sender.userId() + "-" + i)).toList());

        List<Long> sequences = answers.stream().flatMap(List::stream).map(MessageAccepted::sequence).sorted().toList();
        assertThat(sequences).containsExactlyElementsOf(
                LongStream.rangeClosed(1, (long) SENDERS * MESSAGES_EACH).boxed().toList());
        for (List<MessageAccepted> bySender : answers) {
            assertThat(bySender).extracting(MessageAccepted::sequence).as("one sender's messages keep their order")
                    .isSorted();
            assertThat(bySender).noneMatch(MessageAccepted::duplicate);
        }
        assertThat(storedMessages(id)).isEqualTo((long) SENDERS * MESSAGES_EACH);
        List<MessageAccepted> bySequence = answers.stream().flatMap(List::stream)
                .sorted(java.util.Comparator.comparingLong(MessageAccepted::sequence)).toList();
        assertThat(bySequence).extracting(MessageAccepted::messageId).as("a later message has the bigger id")
                .isSorted().doesNotHaveDuplicates();

        // Resends of ids accepted in those batches are recognised: nothing is stored twice.
        MessageAccepted resend = send(id, senders.get(7), "again", senders.get(7).userId() + "-3");
        assertThat(resend.duplicate()).isTrue();
        assertThat(storedMessages(id)).isEqualTo((long) SENDERS * MESSAGES_EACH);
    }

    @Test
    void aRefusedCommandAmongConcurrentSendsRefusesOnlyItself() throws Exception {
        String tenant = tenant();
        List<AuthenticatedUser> senders = staff(tenant, SENDERS);
        long id = start(tenant, senders.subList(0, SENDERS - 1));
        AuthenticatedUser outsider = senders.get(SENDERS - 1);

        List<List<Object>> outcomes = race(senders, sender -> IntStream.range(0, MESSAGES_EACH).mapToObj(i -> {
            try {
                return (Object) send(id, sender, "hello " + i, null);
            } catch (CommandExecutionException refused) {
                return refused.getDetails().orElse(null);
            }
        }).toList());

        for (int s = 0; s < SENDERS - 1; s++) {
            assertThat(outcomes.get(s)).allMatch(MessageAccepted.class::isInstance);
        }
        assertThat(outcomes.get(SENDERS - 1)).containsOnly(ErrorCode.NOT_PARTICIPANT);
        assertThat(storedMessages(id)).isEqualTo((long) (SENDERS - 1) * MESSAGES_EACH);
        assertThat(jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", Long.class, String.valueOf(id)))
                .containsExactlyElementsOf(LongStream.range(0, 1 + (long) (SENDERS - 1) * MESSAGES_EACH).boxed()
                        .toList());
    }

    @Test
    void anInvalidMessageIsRefusedWithItsOwnCode() {
        String tenant = tenant();
        List<AuthenticatedUser> senders = staff(tenant, 2);
        long id = start(tenant, senders);
        assertThatThrownBy(() -> send(id, senders.get(0), " ", null))
                .isInstanceOfSatisfying(CommandExecutionException.class, e ->
                        assertThat(e.getDetails()).contains(ErrorCode.MESSAGE_EMPTY));
        assertThat(CommandRejectedException.class).isNotNull();
    }

    private <T> List<T> race(List<AuthenticatedUser> senders, java.util.function.Function<AuthenticatedUser, T> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (AuthenticatedUser sender : senders) {
                futures.add(pool.submit((Callable<T>) () -> {
                    go.await();
                    return work.apply(sender);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private MessageAccepted send(long id, AuthenticatedUser sender, String text, String clientMessageId) {
        return commands.sendAndWait(new SendMessage(id, ConversationKind.STAFF, sender, MessageType.TEXT, text, null,
                List.of(), clientMessageId), MetaData.from(AuditMetadata.of(sender, Dialect.INTERNAL, null)));
    }

    private long start(String tenant, List<AuthenticatedUser> members) {
        AuthenticatedUser starter = members.get(0);
        List<Participant> others = members.subList(1, members.size()).stream()
                .map(member -> new Participant(member.userId(), member.name(), Role.STAFF)).toList();
        return ((Number) commands.sendAndWait(new StartConversation(ConversationKind.STAFF, tenant, null, others,
                starter), MetaData.from(AuditMetadata.of(starter, Dialect.INTERNAL, null)))).longValue();
    }

    private long storedMessages(long id) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%MessageSent'", Long.class, String.valueOf(id));
    }

    private static List<AuthenticatedUser> staff(String tenant, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> AuthenticatedUser.of(String.valueOf(100 + i), "Staff " + i, tenant, Role.STAFF))
                .toList();
    }

    private static String tenant() {
        return "busy-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
