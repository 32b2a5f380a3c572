package io.switchboard.api.livechat;

/** Where a live chat is in its routing. */
public enum LiveChatStatus {
    /** Started by the visitor's first message, no staff yet. */
    QUEUED,
    /** Claimed: one serving staff member (plus any added staff). */
    ASSIGNED,
    CLOSED
}
