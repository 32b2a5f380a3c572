package io.switchboard.query.hotel;

import io.switchboard.api.hotel.HotelAccess;
import io.switchboard.api.identity.AuthenticatedUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The hotel access rule (shared-api, the command side's sends apply it too) as this side's 403/404 answers. */
final class HotelGuard {

    private HotelGuard() {
    }

    static AuthenticatedUser staff(AuthenticatedUser user, String hotelSlug) {
        return admitted(user, HotelAccess.staff(user, hotelSlug));
    }

    static AuthenticatedUser guest(AuthenticatedUser user, String hotelSlug) {
        return admitted(user, HotelAccess.guest(user, hotelSlug));
    }

    static ResponseStatusException refusal(HotelAccess access) {
        return new ResponseStatusException(HttpStatus.valueOf(access.status()), access.detail());
    }

    private static AuthenticatedUser admitted(AuthenticatedUser user, HotelAccess access) {
        if (access != HotelAccess.GRANTED) {
            throw refusal(access);
        }
        return user;
    }
}
