package io.switchboard.api.support;

/** Limits of the support dialect's ids. */
public final class SupportConversations {

    /** Characters of a client-chosen conversation id. */
    public static final int MAX_CLIENT_ID_LENGTH = 100;

    private SupportConversations() {
    }
}
