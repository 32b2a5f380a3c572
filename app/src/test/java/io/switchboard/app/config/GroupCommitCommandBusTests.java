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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final ExecutorService callers = Executors.newFixedThreadPool(9);

    GroupCommitCommandBusTests() {
        bus.subscribe(Poke.class.getName(), message -> {
            Poke poke = (Poke) message.getPayload();
            if (poke.number() == 0) {
                firstMayFinish.await(5, TimeUnit.SECONDS);
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
        List<CompletableFuture<CommandResultMessage<?>>> answers = sendWhileTheFirstIsRunning();
        firstMayFinish.countDown();

        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS).getPayload()).isEqualTo("done " + i);
        }
        assertThat(transactions).as("the first alone, the eight queued behind it together").hasValue(2);
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

    /** Command 0 holds the conversation's lane while commands 1..8 queue behind it. */
    private List<CompletableFuture<CommandResultMessage<?>>> sendWhileTheFirstIsRunning() {
        List<CompletableFuture<CommandResultMessage<?>>> answers = new ArrayList<>();
        answers.add(send(0));
        await().atMost(Duration.ofSeconds(5)).until(() -> transactions.get() == 1);
        for (int i = 1; i <= 8; i++) {
            answers.add(send(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.waiting("conversation-1") == 8);
        return answers;
    }

    private CompletableFuture<CommandResultMessage<?>> send(int number) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        callers.execute(() -> bus.dispatch(asCommandMessage(new Poke("conversation-1", number)),
                (command, result) -> answer.complete(result)));
        return answer;
    }
}
