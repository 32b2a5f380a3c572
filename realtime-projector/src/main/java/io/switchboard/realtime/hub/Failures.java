package io.switchboard.realtime.hub;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What really failed behind the futures every dialect sends its commands and queries through. */
public final class Failures {

    private Failures() {
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
