package dev.quarry.migrate.step;

import dev.quarry.database.DbCheck;
import dev.quarry.database.DbEnum;
import dev.quarry.database.DbExtension;
import dev.quarry.database.DbForeignKey;
import dev.quarry.database.DbGrant;
import dev.quarry.database.DbIndex;
import dev.quarry.database.DbPolicy;
import dev.quarry.database.DbTable;
import dev.quarry.database.DbView;
import java.util.List;
import java.util.Optional;

/**
 * One step of a migration, as data. {@link #phase()} is the execution order, Prisma's: schemas and enums before the
 * tables that use them, foreign keys dropped before the tables and indexes they depend on, tables created before
 * their indexes, indexes before the foreign keys that need them, enums dropped only once no column or table uses
 * them. Policies are dropped first (a column a policy reads cannot change type or go) and created last, with
 * row-level security and privileges, once their tables are complete; so are the views over the tables a migration
 * changes.
 */
public sealed interface MigrationStep {

    /** Steps run in increasing phase; within a phase, in the order the differ found them. */
    int phase();

    /** The {@code -- Comment} line above the step's SQL, Prisma's step name. */
    String description();

    record CreateSchema(String name) implements MigrationStep {
        public int phase() {
            return 0;
        }

        public String description() {
            return "CreateSchema";
        }
    }

    /** An extension the schema declares and the database lacks; extensions are never dropped. */
    record CreateExtension(DbExtension extension) implements MigrationStep {
        public int phase() {
            return 1;
        }

        public String description() {
            return "CreateExtension";
        }
    }

    /**
     * A view over a table this migration drops or changes the columns of: dropped first, readers before what they
     * read.
     */
    record DropView(DbView view) implements MigrationStep {
        public int phase() {
            return 2;
        }

        public String description() {
            return "DropView";
        }
    }

    record DropPolicy(DbTable table, DbPolicy policy) implements MigrationStep {
        public int phase() {
            return 2;
        }

        public String description() {
            return "DropPolicy";
        }
    }

    /** A CHECK constraint (a data rule) dropped before any column changes. */
    record DropCheck(DbTable table, DbCheck check) implements MigrationStep {
        public int phase() {
            return 2;
        }

        public String description() {
            return "DropCheck";
        }
    }

    record DisableRowLevelSecurity(DbTable table) implements MigrationStep {
        public int phase() {
            return 3;
        }

        public String description() {
            return "DisableRowLevelSecurity";
        }
    }

    record RevokePrivileges(DbTable table, List<DbGrant> grants) implements MigrationStep {
        public int phase() {
            return 4;
        }

        public String description() {
            return "RevokePrivileges";
        }
    }

    record CreateEnum(DbEnum enumType) implements MigrationStep {
        public int phase() {
            return 10;
        }

        public String description() {
            return "CreateEnum";
        }
    }

    /**
     * Values added, or values removed (which PostgreSQL cannot do in place: the type is recreated
     * and every column using it is cast to the new one).
     *
     * @param recreate whether the type is created again (values removed, or an added value used in this migration)
     * @param usages the columns of that enum type, by their names at this point of the migration
     */
    record AlterEnum(
            Pair<DbEnum> enums, List<String> added, List<String> removed, boolean recreate, List<EnumUsage> usages)
            implements MigrationStep {
        public int phase() {
            return 11;
        }

        public String description() {
            return "AlterEnum";
        }
    }

    /** A column of an enum type; {@code nextDefault} is the default to put back once the type is recreated. */
    record EnumUsage(String table, String column, boolean list, Optional<String> nextDefault) {}

    record DropForeignKey(DbTable table, DbForeignKey foreignKey) implements MigrationStep {
        public int phase() {
            return 20;
        }

        public String description() {
            return "DropForeignKey";
        }
    }

    record DropIndex(DbTable table, DbIndex index) implements MigrationStep {
        public int phase() {
            return 21;
        }

        public String description() {
            return "DropIndex";
        }
    }

    /** {@code ALTER TABLE "previous" RENAME TO "next"}: a rename the user confirmed. */
    record RenameTable(Pair<DbTable> tables) implements MigrationStep {
        public int phase() {
            return 22;
        }

        public String description() {
            return "RenameTable";
        }
    }

    record AlterTable(Pair<DbTable> tables, List<TableChange> changes) implements MigrationStep {
        public int phase() {
            return 23;
        }

        public String description() {
            return "AlterTable";
        }
    }

    record CreateTable(DbTable table) implements MigrationStep {
        public int phase() {
            return 31;
        }

        public String description() {
            return "CreateTable";
        }
    }

    record DropTable(DbTable table) implements MigrationStep {
        public int phase() {
            return 32;
        }

        public String description() {
            return "DropTable";
        }
    }

    /** After the tables and columns that used the type are gone. */
    record DropEnum(DbEnum enumType) implements MigrationStep {
        public int phase() {
            return 33;
        }

        public String description() {
            return "DropEnum";
        }
    }

    record CreateIndex(DbTable table, DbIndex index) implements MigrationStep {
        public int phase() {
            return 40;
        }

        public String description() {
            return "CreateIndex";
        }
    }

    record AddForeignKey(DbTable table, DbForeignKey foreignKey) implements MigrationStep {
        public int phase() {
            return 41;
        }

        public String description() {
            return "AddForeignKey";
        }
    }

    record RenameForeignKey(DbTable table, String previousName, String nextName) implements MigrationStep {
        public int phase() {
            return 42;
        }

        public String description() {
            return "RenameForeignKey";
        }
    }

    record RenameIndex(DbTable table, String previousName, String nextName) implements MigrationStep {
        public int phase() {
            return 43;
        }

        public String description() {
            return "RenameIndex";
        }
    }

    /** A CHECK constraint (a data rule) and its comment, once the columns it reads exist. */
    record AddCheck(DbTable table, DbCheck check) implements MigrationStep {
        public int phase() {
            return 44;
        }

        public String description() {
            return "AddCheck";
        }
    }

    record EnableRowLevelSecurity(DbTable table) implements MigrationStep {
        public int phase() {
            return 50;
        }

        public String description() {
            return "EnableRowLevelSecurity";
        }
    }

    /**
     * {@code FORCE ROW LEVEL SECURITY} (the table's owner bound too) or, with {@code force} false, {@code NO
     * FORCE}.
     */
    record ForceRowLevelSecurity(DbTable table, boolean force) implements MigrationStep {
        public int phase() {
            return 50;
        }

        public String description() {
            return force ? "ForceRowLevelSecurity" : "NoForceRowLevelSecurity";
        }
    }

    /** The policy and its comment, Quarry's fingerprint of it (see {@link DbPolicy}). */
    record CreatePolicy(DbTable table, DbPolicy policy) implements MigrationStep {
        public int phase() {
            return 51;
        }

        public String description() {
            return "CreatePolicy";
        }
    }

    record GrantPrivileges(DbTable table, List<DbGrant> grants) implements MigrationStep {
        public int phase() {
            return 52;
        }

        public String description() {
            return "GrantPrivileges";
        }
    }

    /** A view {@link DropView} dropped, created again from its definition once everything it reads is complete. */
    record CreateView(DbView view) implements MigrationStep {
        public int phase() {
            return 60;
        }

        public String description() {
            return "CreateView";
        }
    }
}
