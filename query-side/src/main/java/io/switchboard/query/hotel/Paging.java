package io.switchboard.query.hotel;

/**
 * A message page request as seed 001 defines it: {@code limit} messages (default 10, at most 100) older than the
 * message {@code before_id}, or the newest ones without it.
 */
record Paging(int limit, Long beforeId) {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    static Paging of(Integer limit, Long beforeId) {
        if (beforeId != null && beforeId < 1) {
            throw QueryParameters.atLeast("before_id", 1);
        }
        return new Paging(QueryParameters.inRange("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), beforeId);
    }
}
