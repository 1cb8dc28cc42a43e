package dev.quarry.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code pg_roles} said about the cluster's roles when it was read: the connecting login and, per role,
 * whether it is a superuser or bypasses row-level security. Immutable; {@link RoleGuard} replaces it whole.
 *
 * @param loadedAt {@link System#nanoTime()} when read
 */
record RoleCatalog(String login, Map<String, Attributes> roles, long loadedAt) {

    /** The query that reads it: one row per role. */
    static final String SQL = "select rolname, rolsuper, rolbypassrls, rolname = session_user from pg_roles";

    /** The role attributes that take a request out of row-level security. */
    record Attributes(boolean superuser, boolean bypassRls) {}

    RoleCatalog {
        roles = Map.copyOf(roles);
    }

    long ageNanos(long now) {
        return now - loadedAt;
    }

    /**
     * Why a request may not run as {@code role}, if it may not: {@code none} (PostgreSQL reads it as {@code SET
     * ROLE NONE}, back to the login), a predefined {@code pg_*} role, a role outside the allow-list, one the
     * database does not know, the login itself, a superuser, a role with BYPASSRLS. Empty: the role is bound by
     * GRANTs and policies.
     */
    Optional<TokenRejected> refusal(String role, Optional<Set<String>> allowed) {
        Optional<TokenRejected> byName = refusalByName(role, allowed);
        if (byName.isPresent()) {
            return byName;
        }
        Attributes attributes = roles.get(role);
        if (attributes == null) {
            return Optional.of(new TokenRejected(
                    TokenRejected.Reason.INVALID, "The token's role " + role + " does not exist in the database"));
        }
        if (role.equals(login)) {
            return refused(
                    role,
                    "is the connecting login (the service's own database user), which row-level security "
                            + "does not "
                            + "bind");
        }
        if (attributes.superuser()) {
            return refused(role, "is a superuser, which row-level security does not bind");
        }
        if (attributes.bypassRls()) {
            return refused(role, "has BYPASSRLS, which row-level security does not bind");
        }
        return Optional.empty();
    }

    /** The checks that need no catalog. */
    static Optional<TokenRejected> refusalByName(String role, Optional<Set<String>> allowed) {
        if (role.equalsIgnoreCase("none")) {
            return refused(role, "is not a role: PostgreSQL reads it as SET ROLE NONE, back to the connecting login");
        }
        if (role.startsWith("pg_")) {
            return refused(role, "is a predefined pg_ role");
        }
        if (allowed.isPresent() && !allowed.get().contains(role)) {
            return refused(role, "is not one of the roles this API serves (quarry.auth.roles)");
        }
        return Optional.empty();
    }

    private static Optional<TokenRejected> refused(String role, String why) {
        return Optional.of(new TokenRejected(TokenRejected.Reason.ROLE, "The token's role " + role + " " + why));
    }
}
