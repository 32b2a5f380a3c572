package io.switchboard.realtime.hub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read models trail the event store by a few milliseconds. A connection that reacts to a stored event with a read
 * ("how many unread now?") asks again until the answer includes that event, for at most {@code patience}; then it
 * takes the last answer. No thread waits in between.
 */
public final class FreshReads {

    private static final long FIRST_RETRY_MILLIS = 5;
    private static final long MAX_RETRY_MILLIS = 100;

    private final ScheduledExecutorService timer;
    private final Duration patience;

    FreshReads(ScheduledExecutorService timer, Duration patience) {
        this.timer = timer;
        this.patience = patience;
    }

    public <T> CompletableFuture<T> until(Supplier<CompletableFuture<T>> read, Predicate<T> fresh) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        attempt(read, fresh, answer, System.nanoTime() + patience.toNanos(), FIRST_RETRY_MILLIS);
        return answer;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> read, Predicate<T> fresh, CompletableFuture<T> answer,
                             long deadline, long delayMillis) {
        read.get().whenComplete((result, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else if (fresh.test(result) || System.nanoTime() >= deadline) {
                answer.complete(result);
            } else {
                timer.schedule(() -> attempt(read, fresh, answer, deadline, Math.min(delayMillis * 2, MAX_RETRY_MILLIS)),
                        delayMillis, TimeUnit.MILLISECONDS);
            }
        });
    }
}
