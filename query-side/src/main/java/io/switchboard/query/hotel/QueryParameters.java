package io.switchboard.query.hotel;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Paging parameters validated the Django REST way: a 400 whose detail names the parameter, worded like DRF's own
 * messages so the hotel frontends can show them unchanged.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** @return {@code value}, or {@code fallback} when absent; a 400 naming {@code field} when out of range */
    static int inRange(String field, Integer value, int fallback, int min, int max) {
        int checked = value == null ? fallback : value;
        if (checked < min) {
            throw atLeast(field, min);
        }
        if (checked > max) {
            throw invalid(field, "Ensure this value is less than or equal to " + max + ".");
        }
        return checked;
    }

    static ResponseStatusException atLeast(String field, long min) {
        return invalid(field, "Ensure this value is greater than or equal to " + min + ".");
    }

    private static ResponseStatusException invalid(String field, String problem) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": " + problem);
    }
}
