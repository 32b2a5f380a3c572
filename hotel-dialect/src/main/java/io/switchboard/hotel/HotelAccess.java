package io.switchboard.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;

/**
 * Who may use which hotel URL, decided here once for the sends (command side) and the reads (query side); a refusal
 * is thrown as {@link HotelAccessDeniedException}, which the app answers with {@link #status()} and
 * {@link #detail()}. The role is checked first: a
 * URL meant for staff answers a guest 403 whatever hotel it names, which reveals nothing. Then the hotel: a token of
 * another hotel gets 404, exactly what an unknown hotel gets, so no hotel's data or existence leaks to another's
 * staff.
 */
public enum HotelAccess {

    GRANTED(200, null),
    FORBIDDEN(403, "You do not have permission to perform this action."),
    /** A guest token without the room and booking claims the guest's thread is keyed by. */
    NO_ROOM(403, "This guest token names no room and booking."),
    NOT_FOUND(404, "Not found.");

    private final int status;
    private final String detail;

    HotelAccess(int status, String detail) {
        this.status = status;
        this.detail = detail;
    }

    public static HotelAccess staff(AuthenticatedUser user, String hotelSlug) {
        return user.role().isStaff() ? ofHotel(user, hotelSlug) : FORBIDDEN;
    }

    /** A guest with the room and booking claims its thread is keyed by. */
    public static HotelAccess guest(AuthenticatedUser user, String hotelSlug) {
        if (user.role() != Role.GUEST) {
            return FORBIDDEN;
        }
        if (isBlank(user.room()) || isBlank(user.booking())) {
            return NO_ROOM;
        }
        return ofHotel(user, hotelSlug);
    }

    /** @return the caller, when it is staff of this hotel; else throws the refusal */
    public static AuthenticatedUser requireStaff(AuthenticatedUser user, String hotelSlug) {
        return staff(user, hotelSlug).admit(user);
    }

    /** @return the caller, when it is a guest of this hotel with a room and booking; else throws the refusal */
    public static AuthenticatedUser requireGuest(AuthenticatedUser user, String hotelSlug) {
        return guest(user, hotelSlug).admit(user);
    }

    /** The exception that answers with this outcome. */
    public HotelAccessDeniedException refusal() {
        return new HotelAccessDeniedException(this);
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The {@code detail} of a refusal's error body; null for {@link #GRANTED}. */
    public String detail() {
        return detail;
    }

    private AuthenticatedUser admit(AuthenticatedUser user) {
        if (this != GRANTED) {
            throw refusal();
        }
        return user;
    }

    private static HotelAccess ofHotel(AuthenticatedUser user, String hotelSlug) {
        return user.tenant().equals(hotelSlug) ? GRANTED : NOT_FOUND;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
