package io.switchboard.command.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may use which hotel URL. The role is checked first: a URL meant for staff answers a guest 403 whatever hotel it
 * names, which reveals nothing. Then the hotel: a token of another hotel gets 404, exactly what an unknown hotel
 * gets, so no hotel's data or existence leaks to another's staff.
 */
final class HotelAccess {

    private HotelAccess() {
    }

    static AuthenticatedUser staff(AuthenticatedUser user, String hotelSlug) {
        if (!user.role().isStaff()) {
            throw forbidden();
        }
        return ofHotel(user, hotelSlug);
    }

    /** A guest with the room and booking claims its thread is keyed by. */
    static AuthenticatedUser guest(AuthenticatedUser user, String hotelSlug) {
        if (user.role() != Role.GUEST) {
            throw forbidden();
        }
        if (isBlank(user.room()) || isBlank(user.booking())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "This guest token names no room and booking.");
        }
        return ofHotel(user, hotelSlug);
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "Not found.");
    }

    static ResponseStatusException forbidden() {
        return new ResponseStatusException(HttpStatus.FORBIDDEN,
                "You do not have permission to perform this action.");
    }

    private static AuthenticatedUser ofHotel(AuthenticatedUser user, String hotelSlug) {
        if (!user.tenant().equals(hotelSlug)) {
            throw notFound();
        }
        return user;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
