package dev.quarry.migrate.step;

import dev.quarry.database.DbColumn;
import dev.quarry.database.DbPrimaryKey;
import java.util.EnumSet;

/** One change inside an {@link MigrationStep.AlterTable}, listed in Prisma's order. */
public sealed interface TableChange {

    record RenameColumn(String previousName, String nextName) implements TableChange {}

    record DropPrimaryKey(DbPrimaryKey primaryKey) implements TableChange {}

    record RenamePrimaryKey(String previousName, String nextName) implements TableChange {}

    record DropColumn(DbColumn column) implements TableChange {}

    record AddColumn(DbColumn column) implements TableChange {}

    /** A column kept, changed in place; {@code cast} says what a type change does to its values. */
    record AlterColumn(Pair<DbColumn> columns, EnumSet<ColumnChange> changes, CastKind cast) implements TableChange {}

    /** A type PostgreSQL cannot cast to: the column is dropped and added again, its values lost. */
    record DropAndRecreateColumn(Pair<DbColumn> columns) implements TableChange {}

    record AddPrimaryKey(DbPrimaryKey primaryKey) implements TableChange {}

    enum ColumnChange {
        TYPE,
        ARITY,
        DEFAULT,
        AUTOINCREMENT
    }

    /** Prisma's classification of a type change. */
    enum CastKind {
        NONE,
        SAFE,
        RISKY,
        NOT_CASTABLE
    }
}
