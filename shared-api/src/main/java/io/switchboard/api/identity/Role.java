package io.switchboard.api.identity;

import java.util.Locale;

/** The role claim of a bearer token. Written lower-case on the wire. */
public enum Role {
    GUEST, VISITOR, CUSTOMER, STAFF, AGENT, SUPERVISOR, ADMIN, ROBOT, AUDITOR;

    /** Staff-like roles act for the tenant (hotel front office, support agents, live-chat staff). */
    public boolean isStaff() {
        return this == STAFF || this == AGENT || this == SUPERVISOR || this == ADMIN;
    }

    public boolean isSupervisor() {
        return this == SUPERVISOR || this == ADMIN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown role name */
    public static Role fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role is missing");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + value + "'");
        }
    }
}
