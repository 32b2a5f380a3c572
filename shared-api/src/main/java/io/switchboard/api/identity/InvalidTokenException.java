package io.switchboard.api.identity;

/** The caller could not be authenticated; the message says why, without echoing the token. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
