package io.switchboard.api.text;

/**
 * The one check every string from outside passes before anything stores it, whichever dialect it came through:
 * request bodies, path ids, socket payloads, token claims, header values kept as metadata. A string is refused, never
 * rewritten, when it
 * <ul>
 *     <li>holds U+0000: PostgreSQL text cannot store it, so one such event would stop every projection;</li>
 *     <li>holds an unpaired surrogate: it is no Unicode text at all; JSON writers and UTF-8 encoders replace it with
 *     '?' (the read model then disagrees with the event store) or fail (a snapshot holding it as a map key cannot be
 *     read back, which stops the conversation for good);</li>
 *     <li>holds a Unicode non-character (U+FDD0..U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF,
 *     U+1FFFE, ...): Unicode reserves them for a process's internal use, "never for interchange" in practice, and
 *     no client has a reason to send one;</li>
 *     <li>is longer than the field's limit, in UTF-16 code units ({@code String.length()}), as every limit in
 *     {@code MessageLimits} is counted.</li>
 * </ul>
 * Everything else is accepted and kept exactly: right-to-left overrides, emoji outside the BMP (as surrogate pairs),
 * combining marks, control characters other than U+0000. Overlong or otherwise invalid UTF-8 never reaches this
 * class: the web layer refuses such a body before decoding it.
 */
public final class InputText {

    /** Why a string was refused; {@link #detail()} is worded for the hotel dialect's DRF-style field errors. */
    public enum Problem {
        NULL_CHARACTER("Null characters are not allowed."),
        UNPAIRED_SURROGATE("Unpaired surrogate characters are not allowed."),
        NONCHARACTER("Unicode non-characters are not allowed."),
        TOO_LONG("Ensure this field is not too long.");

        private final String detail;

        Problem(String detail) {
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private InputText() {
    }

    /** @return the first problem of {@code value}'s characters, or null when it has none (null has none) */
    public static Problem characterProblem(String value) {
        if (value == null) {
            return null;
        }
        for (int index = 0; index < value.length(); index++) {
            char unit = value.charAt(index);
            if (unit == '\u0000') {
                return Problem.NULL_CHARACTER;
            }
            int codePoint = unit;
            if (Character.isHighSurrogate(unit)) {
                if (index + 1 == value.length() || !Character.isLowSurrogate(value.charAt(index + 1))) {
                    return Problem.UNPAIRED_SURROGATE;
                }
                codePoint = Character.toCodePoint(unit, value.charAt(++index));
            } else if (Character.isLowSurrogate(unit)) {
                return Problem.UNPAIRED_SURROGATE;
            }
            if (isNoncharacter(codePoint)) {
                return Problem.NONCHARACTER;
            }
        }
        return null;
    }

    /** @return the first problem of {@code value}, or null when it is acceptable (null is: absence is no problem) */
    public static Problem problem(String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            return Problem.TOO_LONG;
        }
        return characterProblem(value);
    }

    public static boolean isValid(String value, int maxLength) {
        return problem(value, maxLength) == null;
    }

    public static boolean hasValidCharacters(String value) {
        return characterProblem(value) == null;
    }

    static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }
}
