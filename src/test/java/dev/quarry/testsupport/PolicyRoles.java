package dev.quarry.testsupport;

import java.util.List;

/**
 * The roles the access-policy tests switch to ({@code SET LOCAL ROLE}). Roles belong to the whole PostgreSQL
 * cluster, not to one database, so the names are fixed and creating them tolerates their existence, also when
 * another test class creates them at the same moment.
 */
public final class PolicyRoles {

    public static final String ANONYMOUS = "quarry_anon";
    public static final String USER = "quarry_user";
    public static final String ADMIN = "quarry_admin";

    private PolicyRoles() {}

    public static void ensure() {
        for (String role : List.of(ANONYMOUS, USER, ADMIN)) {
            TestServer.execute(
                    TestServer.admin(),
                    "DO $$ BEGIN CREATE ROLE " + role + " NOLOGIN; "
                            + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }
}
