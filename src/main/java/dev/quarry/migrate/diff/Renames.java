package dev.quarry.migrate.diff;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renames the user confirmed, by database names: tables (previous name → next name) and columns
 * (next table name → previous column name → next column name). Without them, the differ sees a
 * drop and a create.
 */
public record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) {

    public Renames {
        tables = Map.copyOf(tables);
        Map<String, Map<String, String>> copy = new HashMap<>();
        columns.forEach((table, map) -> copy.put(table, Map.copyOf(map)));
        columns = Map.copyOf(copy);
    }

    public static Renames none() {
        return new Renames(Map.of(), Map.of());
    }

    public Renames withTable(String previous, String next) {
        Map<String, String> t = new HashMap<>(tables);
        t.put(previous, next);
        return new Renames(t, columns);
    }

    public Renames withColumn(String nextTable, String previous, String next) {
        Map<String, Map<String, String>> c = new HashMap<>(columns);
        Map<String, String> forTable = new HashMap<>(c.getOrDefault(nextTable, Map.of()));
        forTable.put(previous, next);
        c.put(nextTable, forTable);
        return new Renames(tables, c);
    }

    public Optional<String> nextTableName(String previous) {
        return Optional.ofNullable(tables.get(previous));
    }

    public Optional<String> nextColumnName(String nextTable, String previousColumn) {
        return Optional.ofNullable(columns.getOrDefault(nextTable, Map.of()).get(previousColumn));
    }

    /** The same renames seen from the other side, for the down migration. */
    public Renames reversed() {
        Map<String, String> t = new HashMap<>();
        tables.forEach((p, n) -> t.put(n, p));
        Map<String, Map<String, String>> c = new HashMap<>();
        columns.forEach((nextTable, map) -> {
            String previousTable = t.getOrDefault(nextTable, nextTable);
            Map<String, String> reversed = new HashMap<>();
            map.forEach((p, n) -> reversed.put(n, p));
            c.put(previousTable, reversed);
        });
        return new Renames(t, c);
    }
}
