package io.switchboard.hotel;

/** A hotel URL refused by {@link HotelAccess}; the app answers it with the access's status and detail. */
public class HotelAccessDeniedException extends RuntimeException {

    private final transient HotelAccess access;

    HotelAccessDeniedException(HotelAccess access) {
        super(access.detail());
        this.access = access;
    }

    public HotelAccess access() {
        return access;
    }
}
