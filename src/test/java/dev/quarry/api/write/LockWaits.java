package dev.quarry.api.write;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Waits until other sessions of the test database wait for a lock. The caller's connection usually holds the lock
 * in an open transaction, and within a transaction PostgreSQL answers {@code pg_stat_activity} from the snapshot it
 * took at the first look: without {@code pg_stat_clear_snapshot()} every later look would see that first moment
 * again.
 */
final class LockWaits {

    private LockWaits() {}

    static void await(Connection c, int expected, String who) throws Exception {
        String sessions = "";
        for (int i = 0; i < 400; i++) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_clear_snapshot()");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), "
                        + "string_agg(coalesce(state, '') || ' | ' || coalesce(wait_event_type, '') || ' | ' || "
                        + "left(query, 80), E'\\n') "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                    rs.next();
                    if (rs.getInt(1) >= expected) {
                        return;
                    }
                    sessions = rs.getString(2);
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError(who + ": fewer than " + expected
                + " sessions ever waited for the lock; the database's sessions:\n" + sessions);
    }
}
