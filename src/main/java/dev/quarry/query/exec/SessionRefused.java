package dev.quarry.query.exec;

import io.vertx.pgclient.PgException;

/**
 * The database refused a request's session settings: the token's role does not exist ({@code 22023}/{@code 42704}),
 * or the connecting user may not take it ({@code 42501}: it was never granted to the authenticator).
 */
public final class SessionRefused extends RuntimeException {

    private final String role;
    private final String sqlState;

    public SessionRefused(String role, PgException cause) {
        super("the database refused the role " + role + " (" + cause.getSqlState() + ")", null, false, false);
        this.role = role;
        this.sqlState = cause.getSqlState() == null ? "" : cause.getSqlState();
    }

    public String role() {
        return role;
    }

    /** The role does not exist (as opposed to exists but may not be taken). */
    public boolean unknownRole() {
        return !sqlState.equals("42501");
    }
}
