package io.switchboard.api.identity;

import java.util.Objects;

/**
 * Who is calling, as proven by a verified bearer token. Adapters build commands from this,
 * never from ids found in a request payload.
 *
 * @param userId  the token's {@code sub}
 * @param name    display name ({@code name} claim)
 * @param email   optional
 * @param tenant  hotel slug or organisation id
 * @param role    the token's role
 * @param room    guests only: the room the guest is staying in
 * @param booking guests only: the booking reference
 */
public record AuthenticatedUser(String userId, String name, String email, String tenant, Role role,
                                String room, String booking) {

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(role, "role");
        if (name == null || name.isBlank()) {
            name = userId;
        }
    }

    public static AuthenticatedUser of(String userId, String name, String tenant, Role role) {
        return new AuthenticatedUser(userId, name, null, tenant, role, null, null);
    }
}
