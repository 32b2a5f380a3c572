package io.switchboard.api.path;

/**
 * A URL that names nothing, whatever the dialect: the app answers it exactly as an unknown id, 404
 * {@code {"detail": "Not found."}}, so a malformed id and a missing one cannot be told apart.
 */
public class NoSuchResourceException extends RuntimeException {

    public NoSuchResourceException() {
        super("Not found.");
    }
}
