package dev.quarry.query.bulk;

import dev.quarry.query.sql.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The line of the first staged record that a unique violation (P2002) or a foreign-key violation (P2003) of a bulk
 * import's {@code INSERT … SELECT} is about, found after the insert failed (and was rolled back to its savepoint)
 * by asking again with the staged values cast as the insert casts them:
 * <ul>
 *   <li>unique: a record whose key is already in the table, or repeats the key of an earlier record;</li>
 *   <li>foreign key: a record whose key (all parts set) has no row in the referenced table.</li>
 * </ul>
 * Empty when it cannot tell: the constraint covers a column the import did not set (or an expression), or a foreign
 * key that refers to the imported table itself (a record may refer to another record of the import).
 *
 * @param table the imported table
 * @param staging the staging table: a {@code line} column, and the staged values
 * @param castByColumn the imported table's column name → the staged value cast to the column's type
 */
record ConflictLine(Sql table, String staging, Map<String, Sql> castByColumn) {

    private static final String UNIQUE_COLUMNS =
            "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                    + "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) LEFT JOIN "
                    + "pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = "
                    + "?::regclass AND c.relname = ? ORDER BY k.n";
    private static final String FOREIGN_KEY =
            "SELECT a.attname, r.attname, c.confrelid::regclass::text FROM pg_constraint c "
                    + "CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, refnum, n) JOIN "
                    + "pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum JOIN pg_attribute r ON "
                    + "r.attrelid = c.confrelid AND r.attnum = k.refnum WHERE c.conrelid = ?::regclass AND c.conname "
                    + "= ? AND c.contype = 'f' ORDER BY k.n";

    /** Whether {@code failure} is a unique or foreign-key violation naming its constraint: one this may place. */
    static boolean isConflict(PSQLException failure) {
        String state = failure.getSQLState();
        return (PSQLState.UNIQUE_VIOLATION.getState().equals(state)
                        || PSQLState.FOREIGN_KEY_VIOLATION.getState().equals(state))
                && failure.getServerErrorMessage() != null
                && failure.getServerErrorMessage().getConstraint() != null;
    }

    /**
     * The line a {@link #isConflict conflict} is about, asked in the transaction rolled back to before the failed
     * insert.
     */
    Optional<Integer> of(Connection connection, PSQLException conflict) throws SQLException {
        String constraint = conflict.getServerErrorMessage().getConstraint();
        return PSQLState.UNIQUE_VIOLATION.getState().equals(conflict.getSQLState())
                ? unique(connection, constraint)
                : foreignKey(connection, constraint);
    }

    private Optional<Integer> unique(Connection connection, String index) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(UNIQUE_COLUMNS)) {
            s.setString(1, table.render().text());
            s.setString(2, index);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        if (columns.isEmpty() || !columns.stream().allMatch(c -> c != null && castByColumn.containsKey(c))) {
            return Optional.empty();
        }
        List<Sql> keys = new ArrayList<>();
        List<Sql> set = new ArrayList<>();
        List<Sql> inTable = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Sql key = Sql.ident("k" + i);
            keys.add(Sql.of(castByColumn.get(columns.get(i)), " AS ", key));
            set.add(Sql.of(key, " IS NOT NULL"));
            inTable.add(Sql.of("t.", Sql.ident(columns.get(i)), " = s.", key));
        }
        List<Sql> partition = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            partition.add(Sql.ident("k" + i));
        }
        Sql staged = Sql.of("SELECT line, ", Sql.join(", ", keys), " FROM ", Sql.ident(staging));
        return first(
                connection,
                Sql.of(
                        "SELECT min(line) FROM (SELECT line, row_number() OVER (PARTITION BY ",
                        Sql.join(", ", partition),
                        " ORDER BY line) AS nth, EXISTS (SELECT 1 FROM ",
                        table,
                        " t WHERE ",
                        Sql.join(" AND ", inTable),
                        ") AS taken FROM (",
                        staged,
                        ") s WHERE ",
                        Sql.join(" AND ", set),
                        ") d WHERE nth > 1 OR taken"));
    }

    private Optional<Integer> foreignKey(Connection connection, String constraint) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> referenced = new ArrayList<>();
        String target = null;
        try (PreparedStatement s = connection.prepareStatement(FOREIGN_KEY)) {
            s.setString(1, table.render().text());
            s.setString(2, constraint);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                    referenced.add(rs.getString(2));
                    target = rs.getString(3);
                }
            }
        }
        if (columns.isEmpty()
                || !columns.stream().allMatch(castByColumn::containsKey)
                || isImported(connection, target)) {
            return Optional.empty();
        }
        List<Sql> set = new ArrayList<>();
        List<Sql> matches = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Sql value = castByColumn.get(columns.get(i));
            set.add(Sql.of(value, " IS NOT NULL"));
            matches.add(Sql.of("r.", Sql.ident(referenced.get(i)), " = ", value));
        }
        // target is regclass's text: a name quoted (and schema-qualified) as needed
        return first(
                connection,
                Sql.of(
                        "SELECT min(line) FROM ",
                        Sql.ident(staging),
                        " WHERE ",
                        Sql.join(" AND ", set),
                        " AND NOT EXISTS (SELECT 1 FROM " + target + " r WHERE ",
                        Sql.join(" AND ", matches),
                        ")"));
    }

    private boolean isImported(Connection connection, String target) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT ?::regclass = ?::regclass")) {
            s.setString(1, target);
            s.setString(2, table.render().text());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static Optional<Integer> first(Connection connection, Sql query) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(query.render().text())) {
            if (!rs.next()) {
                return Optional.empty();
            }
            int line = rs.getInt(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(line);
        }
    }
}
