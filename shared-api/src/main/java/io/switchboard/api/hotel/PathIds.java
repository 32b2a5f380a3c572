package io.switchboard.api.hotel;

import java.util.regex.Pattern;

/**
 * The one parser of conversation ids in hotel URLs, for the command and the query side alike. An id is written one
 * way only: plain decimal digits, no sign, no leading zero, at most 2^53−1 (ids are JavaScript-safe numbers). Anything
 * else ({@code 0x10}, {@code +1}, {@code " 1"}, {@code 0001}, {@code -1}, {@code 1e3}, twenty digits) names no
 * conversation: 404 {@code Not found.}, as an unknown id, never a lenient reading of another id.
 */
public final class PathIds {

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,15}");
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private PathIds() {
    }

    /** @return the id; throws {@link HotelAccess#NOT_FOUND}'s refusal for anything but its one spelling */
    public static long conversationId(String segment) {
        if (segment == null || !CANONICAL.matcher(segment).matches()) {
            throw HotelAccess.NOT_FOUND.refusal();
        }
        long id = Long.parseLong(segment);
        if (id > MAX_SAFE_INTEGER) {
            throw HotelAccess.NOT_FOUND.refusal();
        }
        return id;
    }
}
