package io.switchboard.app.config;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * Axon's simple command bus with group commit: commands queue in a lane, and whoever holds the lane runs everything
 * queued there (up to {@code maxBatch}) in one unit of work and one transaction — each conversation is loaded once,
 * each command decides on the state the previous one left, and one commit makes them all durable.
 * <p>
 * Why: commands on one conversation are strictly sequential (each decides on the state the previous one left), so
 * one at a time their throughput is one commit per message; on this machine's disk a commit takes 2–7 ms, which
 * capped a busy group chat at ~150 messages per second whatever the number of senders. Waiting for the lane also
 * takes no database connection (Axon's default bus opened the transaction, and so took a pooled connection, before
 * the aggregate lock: sixteen senders on one conversation drained the pool).
 * <p>
 * Why one lane for the node by default ({@code switchboard.commands.lanes}, 1), not one per conversation: commands
 * on different conversations gain from sharing a transaction as much — one begin, one batched insert of their
 * events, one commit, one wake-up of the event processors instead of one each. With 100 busy conversations, lanes
 * per conversation (1,024 stripes) gave 600–960 msg/s and 4–7 s of queueing at 1,000 msg/s offered; one lane took
 * the same machine past 1,000 msg/s (bench/README.md, write path, fifth session). A batch's CPU work is small
 * (the HTTP requests around it run in parallel), so serializing it costs less than the commits it saves.
 * <p>
 * Semantics are those of one command per transaction: a batch commits only if every command in it succeeded. When a
 * command fails, nothing of the batch is kept; the commands before it run again as a batch, the failed one alone
 * (so it is answered exactly as it would have been on its own), then those after it as a batch. A failure with no
 * single culprit (the commit itself) runs each command alone. Every caller's thread waits in its lane until its own
 * command is done, and runs at most the batches ahead of it, so no command is stranded and no caller works for others
 * indefinitely. Commands that create an aggregate (no target id) and nested commands run alone, as on Axon's bus.
 * <p>
 * Several nodes: each node batches its own commands. Two nodes' batches that touch the same two conversations in
 * opposite orders can wait on each other's event inserts; PostgreSQL detects that deadlock and one batch fails. Its
 * commands run again alone, and one whose conversation moved on meanwhile gets a {@code ConcurrencyException}, which
 * the gateway retries.
 */
final class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitCommandBus.class);
    static final int DEFAULT_LANES = 1;

    private final TransactionManager transactionManager;
    private final int maxBatch;
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors =
            new CopyOnWriteArrayList<>();
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    /** Whether a command type names its target aggregate; a creating command (StartConversation) does not. */
    private final Map<Class<?>, Boolean> targeted = new ConcurrentHashMap<>();
    private final Lane[] lanes;

    GroupCommitCommandBus(Builder builder, TransactionManager transactionManager, int maxBatch) {
        this(builder, transactionManager, maxBatch, DEFAULT_LANES);
    }

    GroupCommitCommandBus(Builder builder, TransactionManager transactionManager, int maxBatch, int laneCount) {
        super(builder);
        this.transactionManager = transactionManager;
        this.maxBatch = maxBatch;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane();
        }
    }

    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        interceptors.add(interceptor);
        return () -> interceptors.remove(interceptor);
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        String target = CurrentUnitOfWork.isStarted() ? null : targetOf(command);
        Pending pending = new Pending(command, handler, callback);
        if (target == null) {
            runSafely(List.of(pending));
            return;
        }
        Lane lane = lanes[Math.floorMod(target.hashCode(), lanes.length)];
        if (!lane.join(pending)) {
            pending.awaitDoneOrTurn();
            if (pending.done) {
                return;
            }
        }
        // This caller leads: its command heads the queue, so the batch it runs includes it.
        runSafely(lane.drain(maxBatch));
        lane.handOver();
    }

    /** How many commands wait in the lane of this target; for tests and diagnostics. */
    int waiting(String target) {
        return lanes[Math.floorMod(target.hashCode(), lanes.length)].size();
    }

    /** Whatever fails, every drained command gets an answer: its caller waits for nothing else. */
    private void runSafely(List<Pending> batch) {
        try {
            run(batch);
        } catch (RuntimeException | Error failure) {
            for (Pending pending : batch) {
                if (!pending.done) {
                    pending.complete(asCommandResultMessage(failure));
                }
            }
        }
    }

    private void run(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        List<CommandMessage<?>> messages = new ArrayList<>(batch.size());
        Map<Message<?>, Pending> byMessage = new IdentityHashMap<>();
        for (Pending pending : batch) {
            messages.add(pending.command);
            byMessage.put(pending.command, pending);
        }
        BatchingUnitOfWork<CommandMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
        // started first, so that a transaction that cannot begin (database down) rolls the unit back and surfaces
        // as itself; on an unstarted unit the rollback would fail instead and hide the cause
        unitOfWork.start();
        unitOfWork.attachTransaction(transactionManager);
        Pending[] failed = new Pending[1];
        ResultMessage<?> outcome = unitOfWork.executeWithResult(() -> {
            Pending pending = byMessage.get(unitOfWork.getMessage());
            try {
                return new DefaultInterceptorChain<>(unitOfWork, interceptors, pending.handler).proceed();
            } catch (Exception | Error failure) {
                if (failed[0] == null) {
                    failed[0] = pending;
                }
                throw failure;
            }
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            logger.debug("batch of {} commands failed ({})", batch.size(), outcome.exceptionResult().toString());
            rerunWithout(batch, failed[0]);
            return;
        }
        logger.debug("batch of {} commands committed", batch.size());
        Map<Message<?>, ExecutionResult> results = unitOfWork.getExecutionResults();
        for (Pending pending : batch) {
            pending.complete(asCommandResultMessage(results.get(pending.command).getResult()));
        }
    }

    /**
     * Nothing of the failed batch was kept. Its commands run again in their order: those before the culprit as a batch,
     * the culprit alone (its own transaction and its own answer), those after it as a batch; with no culprit (the
     * commit failed), each alone.
     */
    private void rerunWithout(List<Pending> batch, Pending culprit) {
        int at = culprit == null ? -1 : batch.indexOf(culprit);
        if (at < 0) {
            batch.forEach(this::runAlone);
            return;
        }
        run(batch.subList(0, at));
        runAlone(culprit);
        run(batch.subList(at + 1, batch.size()));
    }

    private void runAlone(Pending pending) {
        UnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(pending.command);
        unitOfWork.attachTransaction(transactionManager);
        DefaultInterceptorChain<CommandMessage<?>> chain =
                new DefaultInterceptorChain<>(unitOfWork, interceptors, pending.handler);
        pending.complete(asCommandResultMessage(unitOfWork.executeWithResult(chain::proceed,
                RollbackConfigurationType.UNCHECKED_EXCEPTIONS)));
    }

    private String targetOf(CommandMessage<?> command) {
        Class<?> type = command.getPayloadType();
        if (Boolean.FALSE.equals(targeted.get(type))) {
            return null;
        }
        try {
            String target = targets.resolveTarget(command).getIdentifier();
            targeted.putIfAbsent(type, true);
            return target;
        } catch (IllegalArgumentException noTarget) {
            targeted.put(type, false);
            return null;
        }
    }

    /**
     * The commands of one lane waiting to run. At most one caller leads at a time: it runs one batch (headed by its
     * own command), then hands the lead to the oldest waiting command's caller. Callers whose command ran in someone
     * else's batch are woken and return without touching the lane again.
     */
    private static final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean leading;

        /** Queues the command; true when its caller leads now (nobody else was running this lane). */
        synchronized boolean join(Pending pending) {
            queue.add(pending);
            if (leading) {
                return false;
            }
            leading = true;
            return true;
        }

        synchronized List<Pending> drain(int max) {
            List<Pending> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (batch.size() < max && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            return batch;
        }

        synchronized int size() {
            return queue.size();
        }

        synchronized void handOver() {
            Pending next = queue.peek();
            if (next == null) {
                leading = false;
            } else {
                next.lead();
            }
        }
    }

    private static final class Pending {
        private final CommandMessage<?> command;
        private final MessageHandler<? super CommandMessage<?>> handler;
        @SuppressWarnings("rawtypes")
        private final CommandCallback callback;
        private final Thread caller = Thread.currentThread();
        private volatile boolean done;
        private volatile boolean leads;

        Pending(CommandMessage<?> command, MessageHandler<? super CommandMessage<?>> handler,
                CommandCallback<?, ?> callback) {
            this.command = command;
            this.handler = handler;
            this.callback = callback;
        }

        void awaitDoneOrTurn() {
            while (!done && !leads) {
                LockSupport.park(this);
            }
        }

        void lead() {
            leads = true;
            LockSupport.unpark(caller);
        }

        @SuppressWarnings("unchecked")
        void complete(CommandResultMessage<?> result) {
            try {
                callback.onResult(command, result);
            } finally {
                done = true;
                LockSupport.unpark(caller);
            }
        }
    }
}
