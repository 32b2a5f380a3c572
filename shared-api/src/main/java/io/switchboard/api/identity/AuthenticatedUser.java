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
 * @param username the name other users address this user by where a protocol does (seed 002's {@code /ws/{username}/}):
 *                 the token's {@code username} claim, else its {@code sub}; never null
 */
public record AuthenticatedUser(String userId, String name, String email, String tenant, Role role,
                                String room, String booking, String username) {

    public AuthenticatedUser(String userId, String name, String email, String tenant, Role role, String room,
                             String booking) {
        this(userId, name, email, tenant, role, room, booking, null);
    }

    public AuthenticatedUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(role, "role");
        if (name == null || name.isBlank()) {
            name = userId;
        }
        if (username == null || username.isBlank()) {
            username = userId;
        }
    }

    /** The same caller, identified by its {@link #username()} (how seed 002's direct chat knows its users). */
    public AuthenticatedUser byUsername() {
        return new AuthenticatedUser(username, name, email, tenant, role, room, booking, username);
    }

    public static AuthenticatedUser of(String userId, String name, String tenant, Role role) {
        return new AuthenticatedUser(userId, name, null, tenant, role, null, null);
    }
}
