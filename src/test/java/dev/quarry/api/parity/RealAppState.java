package dev.quarry.api.parity;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every row of every table in the public schema (link tables too), each as its jsonb text, sorted: a database's
 * state.
 */
final class RealAppState {

    private RealAppState() {}

    static Map<String, List<String>> of(DatabaseUrl database) throws Exception {
        Map<String, List<String>> state = new TreeMap<>();
        try (Connection c = TestServer.connect(database);
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r =
                    s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND "
                            + "table_type "
                            + "= 'BASE TABLE'"
                            + " AND table_name <> '_prisma_migrations'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery(
                        "SELECT to_jsonb(t)::text FROM \"" + table.replace("\"", "\"\"") + "\" t ORDER BY 1")) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                state.put(table, rows);
            }
        }
        return state;
    }
}
