package io.switchboard.realtime.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One connection's work, strictly in order, on a shared pool: each task may finish later (a {@link CompletionStage})
 * and the next starts only then. Deliveries never run on the event processor's thread, so one slow socket cannot hold
 * up the others; a connection whose queue passes its capacity is told so ({@code overflow}) and takes no more tasks.
 */
final class Lane {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);
    /** Tasks run per turn before the thread goes back to the pool, so busy lanes share it fairly. */
    private static final int TASKS_PER_TURN = 64;

    private final Executor executor;
    private final int capacity;
    private final Runnable overflow;
    private final ArrayDeque<Supplier<? extends CompletionStage<?>>> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean closed;

    Lane(Executor executor, int capacity, Runnable overflow) {
        this.executor = executor;
        this.capacity = capacity;
        this.overflow = overflow;
    }

    void submit(Supplier<? extends CompletionStage<?>> task) {
        boolean overflowed = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (tasks.size() >= capacity) {
                closed = true;
                tasks.clear();
                overflowed = true;
            } else {
                tasks.add(task);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
        }
        if (overflowed) {
            log.warn("connection's queue passed {} tasks: the client does not keep up, disconnecting it", capacity);
            overflow.run();
            return;
        }
        executor.execute(this::drain);
    }

    void execute(Runnable task) {
        submit(() -> {
            task.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Takes no more tasks; queued ones are dropped. */
    synchronized void close() {
        closed = true;
        tasks.clear();
    }

    private void drain() {
        for (int turn = 0; turn < TASKS_PER_TURN; turn++) {
            Supplier<? extends CompletionStage<?>> task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            CompletionStage<?> stage = run(task);
            CompletableFuture<?> future = stage.toCompletableFuture();
            if (!future.isDone()) {
                future.whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.warn("connection task failed", failure);
                    }
                    executor.execute(this::drain);
                });
                return;
            }
            if (future.isCompletedExceptionally()) {
                future.exceptionally(failure -> {
                    log.warn("connection task failed", failure);
                    return null;
                });
            }
        }
        executor.execute(this::drain);
    }

    private static CompletionStage<?> run(Supplier<? extends CompletionStage<?>> task) {
        try {
            CompletionStage<?> stage = task.get();
            return stage == null ? CompletableFuture.completedFuture(null) : stage;
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
