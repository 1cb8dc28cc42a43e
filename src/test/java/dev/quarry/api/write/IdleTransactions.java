package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Whether any session of a test database sits {@code idle in transaction}: a transaction the service opened and
 * never ended, which holds its connection and its locks. Read on a fresh connection, after
 * {@code pg_stat_clear_snapshot()} (see {@link LockWaits} for why).
 */
final class IdleTransactions {

    private IdleTransactions() {}

    static void assertNone(DatabaseUrl database, String after) throws Exception {
        try (Connection c = TestServer.connect(database);
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs =
                    st.executeQuery("SELECT count(*), coalesce(string_agg(left(query, 80), E'\\n'), '') FROM "
                            + "pg_stat_activity "
                            + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle "
                            + "in "
                            + "transaction%'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "sessions idle in transaction after " + after + ":\n" + rs.getString(2));
            }
        }
    }
}
