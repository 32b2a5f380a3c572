package io.switchboard.app.config;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

class GroupCommitCommandBusTests {

    record Poke(@TargetAggregateIdentifier String target, int number) {
    }

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicInteger transactions = new AtomicInteger();
    private final TransactionManager transactionManager = () -> {
        if (databaseDown.get()) {
            throw new CannotCreateTransactionException("database unreachable");
        }
        transactions.incrementAndGet();
        return NoTransactionManager.INSTANCE.startTransaction();
    };
    private final GroupCommitCommandBus bus = new GroupCommitCommandBus(SimpleCommandBus.builder(),
            transactionManager, 64);
    private final CountDownLatch firstMayFinish = new CountDownLatch(1);
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private final List<Integer> handled = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(9);

    GroupCommitCommandBusTests() {
        bus.subscribe(Poke.class.getName(), message -> {
            Poke poke = (Poke) message.getPayload();
            handled.add(poke.number());
            if (poke.number() == 0) {
                firstMayFinish.await(5, TimeUnit.SECONDS);
            }
            if (refused.contains(poke.number())) {
                throw new IllegalStateException("refused " + poke.number());
            }
            return "done " + poke.number();
        });
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void commandsQueuedBehindABusyConversationShareOneTransactionAndEachGetsItsOwnAnswer() throws Exception {
        assertOneTransactionAfterTheFirst(sendWhileTheFirstIsRunning(), "the eight queued behind it");
    }

    @Test
    void aBatchWhoseTransactionCannotBeginAnswersEveryCommandWithThatFailure() throws Exception {
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendWhileTheFirstIsRunning();
        databaseDown.set(true);
        firstMayFinish.countDown();

        assertThat(answers.get(0).get(5, TimeUnit.SECONDS).isExceptional()).isFalse();
        for (CompletableFuture<CommandResultMessage<?>> answer : answers.subList(1, answers.size())) {
            assertThat(answer.get(5, TimeUnit.SECONDS).exceptionResult())
                    .isInstanceOf(CannotCreateTransactionException.class);
        }
    }

    @Test
    void commandsOnDifferentConversationsQueuedTogetherShareOneTransaction() throws Exception {
        assertOneTransactionAfterTheFirst(sendWhileTheFirstIsRunning(i -> "conversation-" + i),
                "the eight on other conversations");
    }

    /** Lets command 0 finish; each command gets its own answer, and those queued behind it commit together. */
    private void assertOneTransactionAfterTheFirst(List<CompletableFuture<CommandResultMessage<?>>> answers,
                                                   String queued) throws Exception {
        firstMayFinish.countDown();

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("done " + i);
        }
        assertThat(transactions).as("the first alone, " + queued + " together").hasValue(2);
    }

    @Test
    void aRefusedCommandIsAnsweredAsOnItsOwnAndTheOthersStillCommitTogetherInTheirOrder() throws Exception {
        refused.add(4);
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendWhileTheFirstIsRunning(i -> "conversation-" + i);
        firstMayFinish.countDown();

        for (int i = 0; i < answers.size(); i++) {
            CommandResultMessage<?> answer = answers.get(i).get(5, TimeUnit.SECONDS);
            if (i == 4) {
                assertThat(answer.exceptionResult()).hasMessage("refused 4");
            } else {
                assertThat(answer.getPayload()).isEqualTo("done " + i);
            }
        }
        assertThat(transactions).as("0 alone; 1-8 failed at 4; 1-3 together; 4 alone; 5-8 together").hasValue(5);
        assertThat(handled).as("1-4 in the failed batch (it stops at the refusal), then again in order")
                .containsExactly(0, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8);
    }

    /** Command 0 holds the lane while commands 1..8 queue behind it, all on one conversation. */
    private List<CompletableFuture<CommandResultMessage<?>>> sendWhileTheFirstIsRunning() {
        return sendWhileTheFirstIsRunning(i -> "conversation-1");
    }

    /** Command 0 holds the lane while commands 1..8 queue behind it, each sent to {@code target(i)}. */
    private List<CompletableFuture<CommandResultMessage<?>>> sendWhileTheFirstIsRunning(IntFunction<String> target) {
        List<CompletableFuture<CommandResultMessage<?>>> answers = new ArrayList<>();
        answers.add(send(target.apply(0), 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> transactions.get() == 1);
        for (int i = 1; i <= 8; i++) {
            answers.add(send(target.apply(i), i));
            int queued = i;
            // one by one, so that the batch's order is the order sent
            await().atMost(Duration.ofSeconds(5)).until(() -> bus.waiting(target.apply(queued)) == queued);
        }
        return answers;
    }

    private CompletableFuture<CommandResultMessage<?>> send(String target, int number) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        callers.execute(() -> bus.dispatch(asCommandMessage(new Poke(target, number)),
                (command, result) -> answer.complete(result)));
        return answer;
    }
}
