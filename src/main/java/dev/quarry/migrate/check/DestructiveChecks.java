package dev.quarry.migrate.check;

import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.database.ColumnType;
import dev.quarry.database.DbColumn;
import dev.quarry.database.DbTable;
import dev.quarry.migrate.diff.ColumnRef;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.migrate.step.TableChange;
import dev.quarry.migrate.step.TableChange.CastKind;
import dev.quarry.migrate.step.TableChange.ColumnChange;
import dev.quarry.schema.model.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns steps into warnings, in Prisma's words. With a connection to the database the steps are
 * for, each check asks only the count it needs (rows of a table, non-null values of a column) and
 * stays quiet when there is nothing to lose; without one, every risky step is named.
 */
public final class DestructiveChecks {

    private static final List<String> TEXTS = List.of("TEXT", "VARCHAR", "CHAR", "CITEXT");
    private static final Map<String, String> INTEGER_RANGES = Map.of(
            "SMALLINT", "-32768 AND 32767",
            "INTEGER", "-2147483648 AND 2147483647",
            "BIGINT", "-9223372036854775808 AND 9223372036854775807");

    private final Optional<Connection> database;
    private final List<Warning> warnings = new ArrayList<>();
    private final Set<String> createdTables = new HashSet<>();
    /**
     * The enums this migration creates or changes, with their next values; the others are read from the database.
     */
    private final Map<String, List<String>> enumValues = new HashMap<>();

    private DestructiveChecks(Optional<Connection> database) {
        this.database = database;
    }

    public static List<Warning> check(List<MigrationStep> steps, Optional<Connection> database) throws SQLException {
        DestructiveChecks checks = new DestructiveChecks(database);
        for (MigrationStep step : steps) {
            if (step instanceof MigrationStep.CreateTable created) {
                checks.createdTables.add(created.table().qualifiedName());
            } else if (step instanceof MigrationStep.CreateEnum created) {
                checks.enumValues.put(
                        created.enumType().qualifiedName(), created.enumType().values());
            } else if (step instanceof MigrationStep.AlterEnum altered) {
                checks.enumValues.put(
                        altered.enums().next().qualifiedName(),
                        altered.enums().next().values());
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            checks.check(steps.get(i), i);
            if (steps.get(i) instanceof MigrationStep.DropView drop
                    && steps.stream()
                            .noneMatch(s -> s instanceof MigrationStep.CreateView create
                                    && create.view().equals(drop.view()))) {
                checks.warn(
                        "The view `" + drop.view().name()
                                + "` reads a table or column this migration drops or renames: it is dropped and not "
                                + "created again. Run with --create-only and add it back by hand if it should stay.",
                        false,
                        i);
            }
        }
        return List.copyOf(checks.warnings);
    }

    private void check(MigrationStep step, int index) throws SQLException {
        if (step instanceof MigrationStep.DropTable s) {
            String table = s.table().name();
            Optional<Long> rows = rowCount(s.table());
            if (rows.isEmpty()) {
                warn(
                        "You are about to drop the `" + table
                                + "` table. If the table is not empty, all the data it contains will be lost.",
                        false,
                        index);
            } else if (rows.get() > 0) {
                warn(
                        "You are about to drop the `" + table + "` table, which is not empty (" + rows.get()
                                + " rows).",
                        false,
                        index);
            }
        } else if (step instanceof MigrationStep.AlterEnum s && !s.removed().isEmpty()) {
            warn(
                    "The values [" + String.join(",", s.removed()) + "] on the enum `"
                            + s.enums().previous().name()
                            + "` will be removed. If these variants are still used in the database, this will fail.",
                    false,
                    index);
        } else if (step instanceof MigrationStep.AddCheck s) {
            checkAdded(s, index);
        } else if (step instanceof MigrationStep.AlterTable s) {
            for (TableChange change : s.changes()) {
                checkChange(s.tables().previous(), s.tables().next(), change, index);
            }
        } else if (step instanceof MigrationStep.CreateIndex s
                && s.index().unique()
                && !createdTables.contains(s.table().qualifiedName())) {
            Optional<Long> rows = rowCount(s.table());
            if (rows.map(r -> r > 0).orElse(false)) {
                String columns = "`[" + String.join(",", s.index().columnNames()) + "]`";
                Optional<Found> duplicates = duplicates(s.table(), s.index().columnNames());
                if (duplicates.isPresent()) {
                    warn(
                            "The table `" + s.table().name() + "` holds "
                                    + duplicates.get().count() + " values of " + columns
                                    + " more than once (for example "
                                    + duplicates.get().sample()
                                    + "): the unique constraint cannot be added. Remove the duplicates first, or run "
                                    + "with --create-only to edit the migration.",
                            true,
                            index);
                } else {
                    warn(
                            "A unique constraint covering the columns " + columns + " on the table `"
                                    + s.table().name()
                                    + "` will be added. If there are existing duplicate values, this will fail.",
                            false,
                            index);
                }
            }
        }
    }

    /** Rows the new CHECK constraint refuses (NULL passes a CHECK, so {@code NOT (…)} counts exactly those). */
    private void checkAdded(MigrationStep.AddCheck s, int index) throws SQLException {
        if (createdTables.contains(s.table().qualifiedName()) || database.isEmpty()) {
            return;
        }
        Optional<Long> breaking;
        try {
            breaking = count("SELECT count(*) FROM " + qualified(s.table()) + " WHERE NOT ("
                    + s.check().expression().text() + ")");
        } catch (SQLException e) {
            return; // it reads a column this migration adds: no row can break it yet
        }
        if (breaking.map(n -> n > 0).orElse(false)) {
            String rule = s.check().source().map(r -> "the rule `" + r + "`").orElse("the CHECK constraint");
            warn(
                    breaking.get() + " rows of the table `" + s.table().name() + "` break " + rule + " (constraint `"
                            + s.check().name()
                            + "`): it cannot be added. Fix those rows first, or run with --create-only and add it "
                            + "with NOT VALID (existing rows unchecked).",
                    true,
                    index);
        }
    }

    private void checkChange(DbTable previousTable, DbTable table, TableChange change, int index) throws SQLException {
        String tableName = table.name();
        if (change instanceof TableChange.DropColumn c) {
            Optional<Long> values = nonNullCount(previousTable, c.column().name());
            if (values.isEmpty()) {
                warn(
                        "You are about to drop the column `" + c.column().name() + "` on the `" + tableName
                                + "` table. All the data in the column will be lost.",
                        false,
                        index);
            } else if (values.get() > 0) {
                warn(
                        "You are about to drop the column `" + c.column().name() + "` on the `" + tableName
                                + "` table, which still contains " + values.get() + " non-null values.",
                        false,
                        index);
            }
        } else if (change instanceof TableChange.AddColumn c) {
            DbColumn column = c.column();
            if (!column.nullable() && column.defaultValue().isEmpty() && !column.autoincrement()) {
                Optional<Long> rows = rowCount(previousTable);
                if (rows.map(r -> r > 0).orElse(true)) {
                    warn(
                            "Added the required column `" + column.name() + "` to the `" + tableName
                                    + "` table without a default value. This is not possible if the table is not "
                                    + "empty.",
                            true,
                            index);
                }
            }
        } else if (change instanceof TableChange.AlterColumn c) {
            DbColumn previous = c.columns().previous();
            DbColumn next = c.columns().next();
            if (c.changes().contains(ColumnChange.ARITY)
                    && !next.nullable()
                    && next.defaultValue().isEmpty()) {
                Optional<Long> nulls = nullCount(previousTable, previous.name());
                if (nulls.isEmpty()) {
                    warn(
                            "Made the column `" + next.name() + "` on table `" + tableName
                                    + "` required. This fails if the column holds NULL values.",
                            false,
                            index);
                } else if (nulls.get() > 0) {
                    warn(
                            "Made the column `" + next.name() + "` on table `" + tableName
                                    + "` required, but there are " + nulls.get() + " existing NULL values.",
                            true,
                            index);
                }
            }
            boolean cast = c.cast() == CastKind.RISKY || c.cast() == CastKind.SAFE;
            Optional<Found> uncastable = cast ? uncastable(previousTable, previous, next) : Optional.empty();
            if (uncastable.isPresent()) {
                warnings.add(new Warning(
                        "The column `" + next.name() + "` on the `" + tableName + "` table holds "
                                + uncastable.get().count()
                                + " values that cannot be cast from `" + previous.type() + "` to `" + next.type()
                                + "` (for example " + uncastable.get().sample()
                                + "): the migration would fail. Fix those rows first, run with --accept-data-loss to "
                                + "drop and add the column again (its values are lost), or with --create-only to "
                                + "edit the migration.",
                        true,
                        index,
                        Optional.of(new ColumnRef(tableName, next.name()))));
            } else if (c.cast() == CastKind.RISKY && database.isPresent() && narrowing(previous.type(), next.type())) {
                Optional<Found> cut = cut(previousTable, previous, next);
                if (cut.isPresent()) {
                    String what = next.type().name().equals("DECIMAL")
                            ? "more than " + next.type().arguments().get(1) + " decimal places: they will be rounded"
                            : "longer than " + next.type().arguments().get(0)
                                    + " characters: they will be cut to that length";
                    warn(
                            "The column `" + next.name() + "` on the `" + tableName + "` table, cast from `"
                                    + previous.type() + "` to `" + next.type() + "`, holds "
                                    + cut.get().count() + " values " + what + " (for example "
                                    + cut.get().sample() + ").",
                            false,
                            index);
                }
            } else if (c.cast() == CastKind.RISKY) {
                Optional<Long> values = nonNullCount(previousTable, previous.name());
                String from = previous.type().toString();
                String to = next.type().toString();
                if (values.isEmpty()) {
                    warn(
                            "The column `" + next.name() + "` on the `" + tableName + "` table will be cast from `"
                                    + from + "` to `" + to + "`. Values that do not fit make the migration fail.",
                            false,
                            index);
                } else if (values.get() > 0) {
                    warn(
                            "You are about to alter the column `" + next.name() + "` on the `" + tableName
                                    + "` table, which contains " + values.get()
                                    + " non-null values. The data in that column will be cast from `" + from + "` to `"
                                    + to + "`.",
                            false,
                            index);
                }
            }
        } else if (change instanceof TableChange.DropAndRecreateColumn c) {
            Optional<Long> values =
                    nonNullCount(previousTable, c.columns().previous().name());
            if (values.map(v -> v > 0).orElse(true)) {
                warn(
                        "The `" + c.columns().next().name() + "` column on the `" + tableName
                                + "` table would be dropped and recreated. This will lead to data loss.",
                        false,
                        index);
            }
            DbColumn column = c.columns().next();
            if (!column.nullable()
                    && column.defaultValue().isEmpty()
                    && rowCount(previousTable).map(r -> r > 0).orElse(false)) {
                warn(
                        "The required column `" + column.name() + "` on the `" + tableName
                                + "` table, added again without a default value, cannot be added to a table with "
                                + "rows.",
                        true,
                        index);
            }
        } else if (change instanceof TableChange.DropPrimaryKey) {
            warn(
                    "The primary key for the `" + tableName
                            + "` table will be changed. If it partially fails, the table could be left without "
                            + "primary key constraint.",
                    false,
                    index);
        }
    }

    private void warn(String message, boolean unexecutable, int index) {
        warnings.add(new Warning(message, unexecutable, index));
    }

    /** How many distinct values break a check, and up to three of them as SQL literals. */
    private record Found(long count, String sample) {}

    /**
     * The values of a column that a cast to the next type cannot take, for the casts whose failures a predicate can
     * tell: text to an enum (a value the enum lacks) and text to a number (not a number, or out of an integer
     * type's range).
     */
    private Optional<Found> uncastable(DbTable table, DbColumn previous, DbColumn next) throws SQLException {
        String column = quote(previous.name());
        ColumnType to = next.type();
        String fails;
        if (to.isEnum()) {
            List<String> values = enumValues.containsKey(to.schema() + "." + to.name())
                    ? enumValues.get(to.schema() + "." + to.name())
                    : databaseEnumValues(to);
            String allowed = "ARRAY["
                    + values.stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + "]::text[]";
            fails = to.list()
                    ? "NOT (" + column + "::text[] <@ " + allowed + ")"
                    : column + "::text <> ALL (" + allowed + ")";
        } else if (isNumber(previous.type()) && !to.list() && INTEGER_RANGES.containsKey(to.name())) {
            // PostgreSQL rounds a decimal to the nearest integer, then fails when it is out of range
            fails = "round(" + column + "::numeric) NOT BETWEEN " + INTEGER_RANGES.get(to.name());
        } else if (isNumber(previous.type())
                && !to.list()
                && to.name().equals("DECIMAL")
                && to.arguments().size() == 2) {
            // DECIMAL(p,s) holds values below 10^(p-s) once rounded to s places; a larger one fails with "numeric
            // field overflow"
            fails = "abs(round(" + column + "::numeric, " + to.arguments().get(1) + ")) >= 1e"
                    + (to.arguments().get(0) - to.arguments().get(1));
        } else if (previous.type().family() != ColumnType.Family.BUILTIN
                || !TEXTS.contains(previous.type().name())
                || to.list()) {
            return Optional.empty();
        } else if (INTEGER_RANGES.containsKey(to.name())) {
            fails = "CASE WHEN " + column + " ~ '^[[:space:]]*[-+]?[0-9]{1,30}[[:space:]]*$' THEN " + column
                    + "::numeric NOT BETWEEN " + INTEGER_RANGES.get(to.name()) + " ELSE true END";
        } else if (List.of("DECIMAL", "REAL", "DOUBLE PRECISION").contains(to.name())) {
            fails = column + " !~ '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'";
        } else {
            return Optional.empty();
        }
        return found("SELECT " + column + "::text FROM " + qualified(table) + " WHERE " + column + " IS NOT NULL AND "
                + fails);
    }

    /**
     * A cast that keeps every value PostgreSQL can take but may cut some: text to a shorter length, a decimal to
     * fewer places.
     */
    private static boolean narrowing(ColumnType previous, ColumnType next) {
        if (previous.list() || next.list() || next.family() != ColumnType.Family.BUILTIN) {
            return false;
        }
        boolean bounded = List.of("VARCHAR", "CHAR").contains(next.name())
                && next.arguments().size() == 1;
        boolean fromText = previous.isEnum()
                || (previous.family() == ColumnType.Family.BUILTIN && TEXTS.contains(previous.name()));
        boolean decimal = next.name().equals("DECIMAL") && next.arguments().size() == 2;
        boolean fromFraction = previous.family() == ColumnType.Family.BUILTIN
                && List.of("DECIMAL", "REAL", "DOUBLE PRECISION").contains(previous.name());
        return (bounded && fromText) || (decimal && fromFraction);
    }

    /**
     * The rows whose values the narrowing cast cuts (the explicit cast truncates text and rounds decimals without
     * an error), each named by its primary key when the table has one.
     */
    private Optional<Found> cut(DbTable table, DbColumn previous, DbColumn next) throws SQLException {
        String column = quote(previous.name());
        String cut = next.type().name().equals("DECIMAL")
                ? column + "::numeric <> round(" + column + "::numeric, "
                        + next.type().arguments().get(1) + ")"
                : "char_length(" + column + "::text) > "
                        + next.type().arguments().get(0);
        Optional<List<String>> key = table.primaryKey().map(pk -> pk.columns());
        if (key.isEmpty() || !existingColumns(table).containsAll(key.get())) {
            return found("SELECT " + column + "::text FROM " + qualified(table) + " WHERE " + cut);
        }
        // the row's key, then its value: "id 3: 'Grace Hopper'"
        String label = key.get().stream()
                        .map(k -> Identifiers.literal(k + " ") + " || " + quote(k) + "::text")
                        .collect(Collectors.joining(" || ', ' || "))
                + " || ': ' || quote_literal(" + column + "::text)";
        return found("SELECT " + label + " FROM " + qualified(table) + " WHERE " + cut, false);
    }

    private static boolean isNumber(ColumnType type) {
        return type.family() == ColumnType.Family.BUILTIN
                && !type.list()
                && (INTEGER_RANGES.containsKey(type.name())
                        || List.of("DECIMAL", "REAL", "DOUBLE PRECISION").contains(type.name()));
    }

    /** The values of the columns found more than once, rows with a NULL among them aside (they never clash). */
    private Optional<Found> duplicates(DbTable table, List<String> columns) throws SQLException {
        if (database.isEmpty() || !existingColumns(table).containsAll(columns)) {
            return Optional.empty();
        }
        String list = columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String value = columns.size() == 1 ? quote(columns.get(0)) + "::text" : "ROW(" + list + ")::text";
        String notNull = columns.stream().map(c -> quote(c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        return found("SELECT " + value + " FROM " + qualified(table) + " WHERE " + notNull + " GROUP BY " + list
                + " HAVING count(*) > 1");
    }

    /**
     * Counts the distinct values {@code query} returns (one text column) and keeps the first three, as SQL
     * literals.
     */
    private Optional<Found> found(String query) throws SQLException {
        return found(query, true);
    }

    private Optional<Found> found(String query, boolean literals) throws SQLException {
        if (database.isEmpty()) {
            return Optional.empty();
        }
        String sql = "SELECT count(*), (array_agg(v ORDER BY v))[1:3] FROM (SELECT DISTINCT v FROM (" + query
                + ") AS q(v)) AS d";
        try (Statement statement = database.get().createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            long count = rs.getLong(1);
            if (count == 0) {
                return Optional.empty();
            }
            String[] sample = (String[]) rs.getArray(2).getArray();
            return Optional.of(new Found(
                    count,
                    Arrays.stream(sample)
                            .map(v -> literals ? Identifiers.literal(v) : v)
                            .collect(Collectors.joining(", "))));
        }
    }

    private List<String> databaseEnumValues(ColumnType type) throws SQLException {
        String sql = "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON "
                + "n.oid = t.typnamespace"
                + " WHERE n.nspname = ? AND t.typname = ? ORDER BY e.enumsortorder";
        return strings(sql, type.schema(), type.name());
    }

    /** The columns the table has before the migration runs (an index may cover a column this migration adds). */
    private List<String> existingColumns(DbTable table) throws SQLException {
        return strings(
                "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT "
                        + "attisdropped",
                qualified(table));
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = database.get().prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private Optional<Long> rowCount(DbTable table) throws SQLException {
        return count("SELECT count(*) FROM " + qualified(table));
    }

    private Optional<Long> nonNullCount(DbTable table, String column) throws SQLException {
        return count("SELECT count(" + quote(column) + ") FROM " + qualified(table));
    }

    private Optional<Long> nullCount(DbTable table, String column) throws SQLException {
        return count("SELECT count(*) FROM " + qualified(table) + " WHERE " + quote(column) + " IS NULL");
    }

    private static String qualified(DbTable table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    private Optional<Long> count(String sql) throws SQLException {
        if (database.isEmpty()) {
            return Optional.empty();
        }
        try (Statement statement = database.get().createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return Optional.of(rs.getLong(1));
        }
    }
}
