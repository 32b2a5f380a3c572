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
 * Axon's simple command bus with group commit: commands addressed to the same conversation queue in a lane, and
 * whoever holds the lane runs everything queued there (up to {@code maxBatch}) in one unit of work and one
 * transaction — the conversation is loaded once, each command decides on the state the previous one left, and one
 * commit makes them all durable.
 * <p>
 * Why: commands on one conversation are strictly sequential (each decides on the state the previous one left), so
 * one at a time their throughput is one commit per message; on this machine's disk a commit takes 2–7 ms, which
 * capped a busy group chat at ~150 messages per second whatever the number of senders. Waiting for the lane also
 * takes no database connection (Axon's default bus opened the transaction, and so took a pooled connection, before
 * the aggregate lock: sixteen senders on one conversation drained the pool).
 * <p>
 * Semantics are those of one command per transaction: a batch commits only if every command in it succeeded;
 * otherwise nothing of it is kept and each command is run again on its own, so a refused command is answered as before
 * and never takes others down with it. Every caller's thread waits in its lane until its own command is done, and runs
 * at most the batches ahead of it, so no command is stranded and no caller works for others indefinitely. Commands
 * that create an aggregate (no target id) and nested commands run alone, as on Axon's bus. Lanes are striped by
 * target id: two conversations sharing a stripe share batches, which is correct (one transaction for both) and rare.
 */
final class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitCommandBus.class);
    private static final int STRIPES = 1_024;

    private final TransactionManager transactionManager;
    private final int maxBatch;
    private final List<MessageHandlerInterceptor<? super CommandMessage<?>>> interceptors =
            new CopyOnWriteArrayList<>();
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    /** Whether a command type names its target aggregate; a creating command (StartConversation) does not. */
    private final Map<Class<?>, Boolean> targeted = new ConcurrentHashMap<>();
    private final Lane[] lanes = new Lane[STRIPES];

    GroupCommitCommandBus(Builder builder, TransactionManager transactionManager, int maxBatch) {
        super(builder);
        this.transactionManager = transactionManager;
        this.maxBatch = maxBatch;
        for (int i = 0; i < STRIPES; i++) {
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
        Lane lane = lanes[Math.floorMod(target.hashCode(), STRIPES)];
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

    /** How many commands wait in the lane of this target (its stripe); for tests and diagnostics. */
    int waiting(String target) {
        return lanes[Math.floorMod(target.hashCode(), STRIPES)].size();
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
        ResultMessage<?> outcome = unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, interceptors,
                        byMessage.get(unitOfWork.getMessage()).handler).proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        if (outcome.isExceptional()) {
            logger.debug("batch of {} commands failed ({}); running each on its own", batch.size(),
                    outcome.exceptionResult().toString());
            // nothing of the batch was kept: give each command its own transaction and its own answer
            batch.forEach(this::runAlone);
            return;
        }
        logger.debug("batch of {} commands committed", batch.size());
        Map<Message<?>, ExecutionResult> results = unitOfWork.getExecutionResults();
        for (Pending pending : batch) {
            pending.complete(asCommandResultMessage(results.get(pending.command).getResult()));
        }
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
     * The commands of one stripe waiting to run. At most one caller leads at a time: it runs one batch (headed by its
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
