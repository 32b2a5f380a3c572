package io.switchboard.query.hotel;

/**
 * Which slice of a conversation list to return, most recent activity first: {@code limit} rows (default and maximum
 * 200) after skipping {@code offset}. The lists stay plain JSON arrays, as the seed's frontend reads them.
 */
record ConversationListing(int limit, int offset) {

    static final int MAX_LIMIT = 200;

    static ConversationListing of(Integer limit, Integer offset) {
        return new ConversationListing(QueryParameters.inRange("limit", limit, MAX_LIMIT, 1, MAX_LIMIT),
                QueryParameters.inRange("offset", offset, 0, 0, Integer.MAX_VALUE));
    }
}
