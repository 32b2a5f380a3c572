package io.switchboard.hotel;

/** {@code {"id": 45, "name": "John Doe"}}: a person as the hotel frontends show one; see {@link UserIds} for the id. */
public record UserRef(Object id, String name) {

    public static UserRef of(String userId, String name) {
        return new UserRef(UserIds.toJson(userId), name);
    }
}
