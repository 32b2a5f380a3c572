package io.switchboard.api.path;

import io.switchboard.api.conversation.MessageLimits;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The one parser of conversation ids in URLs, for every dialect and both sides (the hotel dialect's sends and reads,
 * the audit API). An id is written one way only: plain decimal digits, no sign, no leading zero, at most 2^53−1 (ids
 * are JavaScript-safe numbers). Anything else ({@code 0x10}, {@code +1}, {@code " 1"}, {@code 0001}, {@code -1},
 * {@code 1e3}, twenty digits) names no conversation: the app answers it as it answers an unknown id, 404
 * {@code Not found.}, never with a lenient reading of another id.
 */
public final class PathIds {

    private static final Pattern CANONICAL = Pattern.compile("[1-9][0-9]{0,15}");

    private PathIds() {
    }

    /** @return the id, or empty for anything but its one spelling */
    public static OptionalLong parse(String segment) {
        if (segment == null || !CANONICAL.matcher(segment).matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(segment);
        return id > MessageLimits.MAX_SAFE_INTEGER ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** @return the id; throws {@link NoSuchResourceException} (404) for anything but its one spelling */
    public static long conversationId(String segment) {
        return parse(segment).orElseThrow(NoSuchResourceException::new);
    }
}
