package io.switchboard.command.hotel;

import io.switchboard.api.hotel.HotelAccess;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The hotel access rule (shared-api, the query side's reads apply it too) as this side's 403/404 answers. */
final class HotelGuard {

    private HotelGuard() {
    }

    static AuthenticatedUser staff(AuthenticatedUser user, String hotelSlug) {
        return admitted(user, HotelAccess.staff(user, hotelSlug));
    }

    static AuthenticatedUser guest(AuthenticatedUser user, String hotelSlug) {
        return admitted(user, HotelAccess.guest(user, hotelSlug));
    }

    private static AuthenticatedUser admitted(AuthenticatedUser user, HotelAccess access) {
        if (access != HotelAccess.GRANTED) {
            throw new ResponseStatusException(HttpStatus.valueOf(access.status()), access.detail());
        }
        return user;
    }
}
