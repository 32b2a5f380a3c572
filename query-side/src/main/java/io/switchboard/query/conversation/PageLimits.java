package io.switchboard.query.conversation;

/** Bounds for every page a query answers, whatever an adapter passes through. */
final class PageLimits {

    static final int MAX_LIMIT = 200;

    private PageLimits() {
    }

    static int limit(int requested) {
        return Math.max(1, Math.min(requested, MAX_LIMIT));
    }

    static int offset(Integer requested) {
        return requested == null ? 0 : Math.max(0, requested);
    }
}
