package io.switchboard.hotel;

import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.text.InputText;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The one rule for user ids on the hotel wire: the hotel frontends (seeds 000, 001) know staff by numeric database
 * ids, so a token {@code sub} made only of digits ("45") is written as the JSON number 45; any other id stays a
 * string. Ids with a leading zero or beyond JavaScript's safe integer range stay strings, because a number would not
 * read back as the same id.
 */
public final class UserIds {

    private static final Pattern CANONICAL_DIGITS = Pattern.compile("0|[1-9][0-9]{0,15}");

    private UserIds() {
    }

    /** @return a {@code Long} or the id itself; null for null */
    public static Object toJson(String userId) {
        if (userId == null || !CANONICAL_DIGITS.matcher(userId).matches()) {
            return userId;
        }
        long number = Long.parseLong(userId);
        return number <= MessageLimits.MAX_SAFE_INTEGER ? number : userId;
    }

    /**
     * Reads an id a client sent: a non-negative integral JSON number JavaScript holds exactly, or a non-blank string
     * of at most {@link MessageLimits#MAX_IDENTIFIER_LENGTH} characters that passes {@link InputText}.
     *
     * @return the id as the token {@code sub} would carry it, or null when the value is no valid id
     */
    public static String fromJson(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            BigInteger number = new BigInteger(value.toString());
            return number.signum() >= 0 && number.compareTo(BigInteger.valueOf(MessageLimits.MAX_SAFE_INTEGER)) <= 0
                    ? number.toString() : null;
        }
        if (value instanceof String id && !id.isBlank()
                && InputText.isValid(id, MessageLimits.MAX_IDENTIFIER_LENGTH)) {
            return id;
        }
        return null;
    }
}
