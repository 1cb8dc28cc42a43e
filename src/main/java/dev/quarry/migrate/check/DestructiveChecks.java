package dev.quarry.migrate.check;

import static dev.quarry.database.Identifiers.quote;

import dev.quarry.database.DbColumn;
import dev.quarry.database.DbTable;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.migrate.step.TableChange;
import dev.quarry.migrate.step.TableChange.CastKind;
import dev.quarry.migrate.step.TableChange.ColumnChange;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns steps into warnings, in Prisma's words. With a connection to the database the steps are
 * for, each check asks only the count it needs (rows of a table, non-null values of a column) and
 * stays quiet when there is nothing to lose; without one, every risky step is named.
 */
public final class DestructiveChecks {

    private final Optional<Connection> database;
    private final List<Warning> warnings = new ArrayList<>();
    private final java.util.Set<String> createdTables = new java.util.HashSet<>();

    private DestructiveChecks(Optional<Connection> database) {
        this.database = database;
    }

    public static List<Warning> check(List<MigrationStep> steps, Optional<Connection> database) throws SQLException {
        DestructiveChecks checks = new DestructiveChecks(database);
        for (MigrationStep step : steps) {
            if (step instanceof MigrationStep.CreateTable created) {
                checks.createdTables.add(created.table().qualifiedName());
            }
        }
        for (int i = 0; i < steps.size(); i++) {
            checks.check(steps.get(i), i);
        }
        return List.copyOf(checks.warnings);
    }

    private void check(MigrationStep step, int index) throws SQLException {
        if (step instanceof MigrationStep.DropTable s) {
            String table = s.table().name();
            Optional<Long> rows = rowCount(s.table());
            if (rows.isEmpty()) {
                warn("You are about to drop the `" + table + "` table. If the table is not empty, all the data it contains will be lost.", false, index);
            } else if (rows.get() > 0) {
                warn("You are about to drop the `" + table + "` table, which is not empty (" + rows.get() + " rows).", false, index);
            }
        } else if (step instanceof MigrationStep.AlterEnum s && !s.removed().isEmpty()) {
            warn("The values [" + String.join(",", s.removed()) + "] on the enum `" + s.enums().previous().name()
                    + "` will be removed. If these variants are still used in the database, this will fail.", false, index);
        } else if (step instanceof MigrationStep.AlterTable s) {
            for (TableChange change : s.changes()) {
                checkChange(s.tables().previous(), s.tables().next(), change, index);
            }
        } else if (step instanceof MigrationStep.CreateIndex s && s.index().unique() && !createdTables.contains(s.table().qualifiedName())) {
            Optional<Long> rows = rowCount(s.table());
            if (rows.map(r -> r > 0).orElse(false)) {
                warn("A unique constraint covering the columns `[" + String.join(",", s.index().columnNames()) + "]` on the table `" + s.table().name()
                        + "` will be added. If there are existing duplicate values, this will fail.", false, index);
            }
        }
    }

    private void checkChange(DbTable previousTable, DbTable table, TableChange change, int index) throws SQLException {
        String tableName = table.name();
        if (change instanceof TableChange.DropColumn c) {
            Optional<Long> values = nonNullCount(previousTable, c.column().name());
            if (values.isEmpty()) {
                warn("You are about to drop the column `" + c.column().name() + "` on the `" + tableName + "` table. All the data in the column will be lost.", false, index);
            } else if (values.get() > 0) {
                warn("You are about to drop the column `" + c.column().name() + "` on the `" + tableName + "` table, which still contains " + values.get() + " non-null values.", false, index);
            }
        } else if (change instanceof TableChange.AddColumn c) {
            DbColumn column = c.column();
            if (!column.nullable() && column.defaultValue().isEmpty() && !column.autoincrement()) {
                Optional<Long> rows = rowCount(previousTable);
                if (rows.map(r -> r > 0).orElse(true)) {
                    warn("Added the required column `" + column.name() + "` to the `" + tableName + "` table without a default value. This is not possible if the table is not empty.", true, index);
                }
            }
        } else if (change instanceof TableChange.AlterColumn c) {
            DbColumn previous = c.columns().previous();
            DbColumn next = c.columns().next();
            if (c.changes().contains(ColumnChange.ARITY) && !next.nullable() && next.defaultValue().isEmpty()) {
                Optional<Long> nulls = nullCount(previousTable, previous.name());
                if (nulls.isEmpty()) {
                    warn("Made the column `" + next.name() + "` on table `" + tableName + "` required. This fails if the column holds NULL values.", false, index);
                } else if (nulls.get() > 0) {
                    warn("Made the column `" + next.name() + "` on table `" + tableName + "` required, but there are " + nulls.get() + " existing NULL values.", true, index);
                }
            }
            if (c.cast() == CastKind.RISKY) {
                Optional<Long> values = nonNullCount(previousTable, previous.name());
                String from = previous.type().toString();
                String to = next.type().toString();
                if (values.isEmpty()) {
                    warn("The column `" + next.name() + "` on the `" + tableName + "` table will be cast from `" + from + "` to `" + to + "`. Values that do not fit make the migration fail.", false, index);
                } else if (values.get() > 0) {
                    warn("You are about to alter the column `" + next.name() + "` on the `" + tableName + "` table, which contains " + values.get()
                            + " non-null values. The data in that column will be cast from `" + from + "` to `" + to + "`.", false, index);
                }
            }
        } else if (change instanceof TableChange.DropAndRecreateColumn c) {
            Optional<Long> values = nonNullCount(previousTable, c.columns().previous().name());
            if (values.map(v -> v > 0).orElse(true)) {
                warn("The `" + c.columns().next().name() + "` column on the `" + tableName + "` table would be dropped and recreated. This will lead to data loss.", false, index);
            }
        } else if (change instanceof TableChange.DropPrimaryKey) {
            warn("The primary key for the `" + tableName + "` table will be changed. If it partially fails, the table could be left without primary key constraint.", false, index);
        }
    }

    private void warn(String message, boolean unexecutable, int index) {
        warnings.add(new Warning(message, unexecutable, index));
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
        try (Statement statement = database.get().createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return Optional.of(rs.getLong(1));
        }
    }
}
