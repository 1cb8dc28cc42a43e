package dev.quarry.security;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The blog's database for the security tests: the roles, the seed rows, and a checksum of every row to prove
 * nothing changed.
 */
final class BlogDatabase {

    private BlogDatabase() {}

    /** Roles (cluster-wide, idempotent) and the seed rows; the rules are the caller's. */
    static void seed(DatabaseUrl database) {
        TestServer.execute(database, resource("security/roles.sql"));
        TestServer.execute(database, resource("security/blog-seed.sql"));
    }

    /** The roles, the seed rows and the rules as hand-written SQL ({@code security/blog-policies.sql}). */
    static void seedWithHandWrittenPolicies(DatabaseUrl database) {
        seed(database);
        TestServer.execute(database, resource("security/blog-policies.sql"));
    }

    /** Every row of both tables, hashed, as the database owner sees them. */
    static String checksum(DatabaseUrl database) {
        try (Connection c = TestServer.connect(database);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT md5(coalesce((SELECT string_agg(u::text, '|' ORDER BY u.id) FROM \"User\" "
                                + "u), '')"
                                + " || '#' || coalesce((SELECT string_agg(p::text, '|' ORDER BY p.id) FROM "
                                + "\"Post\" p), ''))")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        return FreshDatabase.readResource(name);
    }
}
