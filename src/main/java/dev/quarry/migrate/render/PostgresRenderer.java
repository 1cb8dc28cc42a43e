package dev.quarry.migrate.render;

import static dev.quarry.schema.model.Identifiers.literal;
import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.database.ColumnDefault;
import dev.quarry.database.ColumnType;
import dev.quarry.database.DbColumn;
import dev.quarry.database.DbEnum;
import dev.quarry.database.DbForeignKey;
import dev.quarry.database.DbGrant;
import dev.quarry.database.DbIndex;
import dev.quarry.database.DbPolicy;
import dev.quarry.database.DbTable;
import dev.quarry.migrate.step.MigrationStep;
import dev.quarry.migrate.step.MigrationStep.EnumUsage;
import dev.quarry.migrate.step.TableChange;
import dev.quarry.migrate.step.TableChange.CastKind;
import dev.quarry.migrate.step.TableChange.ColumnChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Migration steps as PostgreSQL statements, written as Prisma Migrate writes them: upper-case
 * keywords, four-space indentation, no semicolons (the script adds them). Objects in the default
 * schema are not qualified, as in Prisma's single-schema migrations.
 */
public final class PostgresRenderer {

    private static final String INDENT = "    ";

    private final String defaultSchema;

    public PostgresRenderer(String defaultSchema) {
        this.defaultSchema = defaultSchema;
    }

    public List<String> render(MigrationStep step) {
        if (step instanceof MigrationStep.CreateSchema s) {
            return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(s.name()));
        }
        if (step instanceof MigrationStep.CreateExtension s) {
            return List.of(
                    "CREATE EXTENSION IF NOT EXISTS " + quote(s.extension().name())
                            + s.extension()
                                    .schema()
                                    .map(schema -> " WITH SCHEMA " + quote(schema))
                                    .orElse("")
                            + s.extension()
                                    .version()
                                    .map(version -> " VERSION " + quote(version))
                                    .orElse(""));
        }
        if (step instanceof MigrationStep.CreateEnum s) {
            return List.of(createEnum(s.enumType(), s.enumType().name()));
        }
        if (step instanceof MigrationStep.AlterEnum s) {
            return alterEnum(s);
        }
        if (step instanceof MigrationStep.DropForeignKey s) {
            return List.of("ALTER TABLE " + table(s.table()) + " DROP CONSTRAINT "
                    + quote(s.foreignKey().name()));
        }
        if (step instanceof MigrationStep.DropIndex s) {
            return List.of(
                    "DROP INDEX " + qualified(s.table().schema(), s.index().name()));
        }
        if (step instanceof MigrationStep.RenameTable s) {
            return List.of("ALTER TABLE " + table(s.tables().previous()) + " RENAME TO "
                    + quote(s.tables().next().name()));
        }
        if (step instanceof MigrationStep.AlterTable s) {
            return alterTable(s);
        }
        if (step instanceof MigrationStep.DropEnum s) {
            return List.of(
                    "DROP TYPE " + qualified(s.enumType().schema(), s.enumType().name()));
        }
        if (step instanceof MigrationStep.CreateTable s) {
            return List.of(createTable(s.table()));
        }
        if (step instanceof MigrationStep.DropTable s) {
            return List.of("DROP TABLE " + table(s.table()));
        }
        if (step instanceof MigrationStep.CreateIndex s) {
            return List.of(createIndex(s.table(), s.index()));
        }
        if (step instanceof MigrationStep.AddForeignKey s) {
            return List.of(addForeignKey(s.table(), s.foreignKey()));
        }
        if (step instanceof MigrationStep.RenameForeignKey s) {
            return List.of("ALTER TABLE " + table(s.table()) + " RENAME CONSTRAINT " + quote(s.previousName()) + " TO "
                    + quote(s.nextName()));
        }
        if (step instanceof MigrationStep.RenameIndex s) {
            return List.of("ALTER INDEX " + qualified(s.table().schema(), s.previousName()) + " RENAME TO "
                    + quote(s.nextName()));
        }
        if (step instanceof MigrationStep.DropView s) {
            // an undo script drops the views of the state it returns to, which the migration it undoes may have
            // dropped already
            return List.of("DROP VIEW IF EXISTS "
                    + qualified(s.view().schema(), s.view().name()));
        }
        if (step instanceof MigrationStep.CreateView s) {
            // the definition is PostgreSQL's own text of the view (pg_get_viewdef), ending in a semicolon
            String definition = s.view().definition().text().strip();
            return List.of(
                    "CREATE VIEW " + qualified(s.view().schema(), s.view().name()) + " AS\n"
                            + definition.substring(0, definition.length() - (definition.endsWith(";") ? 1 : 0)));
        }
        if (step instanceof MigrationStep.DropPolicy s) {
            return List.of("DROP POLICY " + quote(s.policy().name()) + " ON " + table(s.table()));
        }
        if (step instanceof MigrationStep.DisableRowLevelSecurity s) {
            return List.of("ALTER TABLE " + table(s.table()) + " DISABLE ROW LEVEL SECURITY");
        }
        if (step instanceof MigrationStep.RevokePrivileges s) {
            return privileges("REVOKE", " FROM ", s.table(), s.grants());
        }
        if (step instanceof MigrationStep.EnableRowLevelSecurity s) {
            return List.of("ALTER TABLE " + table(s.table()) + " ENABLE ROW LEVEL SECURITY");
        }
        if (step instanceof MigrationStep.ForceRowLevelSecurity s) {
            return List.of(
                    "ALTER TABLE " + table(s.table()) + (s.force() ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY");
        }
        if (step instanceof MigrationStep.CreatePolicy s) {
            return createPolicy(s.table(), s.policy());
        }
        if (step instanceof MigrationStep.DropCheck s) {
            return List.of("ALTER TABLE " + table(s.table()) + " DROP CONSTRAINT "
                    + quote(s.check().name()));
        }
        if (step instanceof MigrationStep.AddCheck s) {
            String add = "ALTER TABLE " + table(s.table()) + " ADD CONSTRAINT "
                    + quote(s.check().name()) + " CHECK ("
                    + s.check().expression().text() + ")";
            return s.check()
                    .comment()
                    .map(comment -> List.of(
                            add,
                            "COMMENT ON CONSTRAINT " + quote(s.check().name()) + " ON " + table(s.table()) + " IS "
                                    + literal(comment)))
                    .orElse(List.of(add));
        }
        if (step instanceof MigrationStep.GrantPrivileges s) {
            return privileges("GRANT", " TO ", s.table(), s.grants());
        }
        throw new IllegalArgumentException("unknown step " + step);
    }

    private List<String> createPolicy(DbTable table, DbPolicy policy) {
        String roles = policy.roles().stream()
                .map(r -> r.equals("public") ? r : quote(r))
                .collect(Collectors.joining(", "));
        String create = "CREATE POLICY " + quote(policy.name()) + " ON " + table(table)
                + "\n" + INDENT + "AS " + (policy.permissive() ? "PERMISSIVE" : "RESTRICTIVE")
                + " FOR " + policy.command().name() + " TO " + roles
                + policy.using()
                        .map(u -> "\n" + INDENT + "USING (" + u.text() + ")")
                        .orElse("")
                + policy.withCheck()
                        .map(c -> "\n" + INDENT + "WITH CHECK (" + c.text() + ")")
                        .orElse("");
        return policy.comment()
                .map(comment -> List.of(
                        create,
                        "COMMENT ON POLICY " + quote(policy.name()) + " ON " + table(table) + " IS "
                                + literal(comment)))
                .orElse(List.of(create));
    }

    /**
     * {@code GRANT SELECT, INSERT ON TABLE t TO "r", "s"}, {@code GRANT SELECT ("a", "b") ON TABLE t TO "r"},
     * {@code GRANT USAGE ON SEQUENCE s TO "r", "s"}: one statement per object kind and grantee (and privilege, for
     * columns), and those that give the same privileges to several grantees merged into one.
     */
    private List<String> privileges(String verb, String preposition, DbTable table, List<DbGrant> grants) {
        Map<String, List<DbGrant>> statements = new LinkedHashMap<>();
        for (DbGrant grant : grants) {
            String key = switch (grant.on()) {
                case TABLE -> "TABLE\u0000" + grant.grantee();
                case COLUMN -> "COLUMN\u0000" + grant.privilege() + "\u0000" + grant.grantee();
                case SEQUENCE -> "SEQUENCE\u0000" + grant.object() + "\u0000" + grant.grantee();
            };
            statements.computeIfAbsent(key, k -> new ArrayList<>()).add(grant);
        }
        Map<String, List<String>> granteesByWhat = new LinkedHashMap<>();
        for (List<DbGrant> group : statements.values()) {
            DbGrant first = group.get(0);
            String grantee = first.grantee().equals(DbGrant.PUBLIC) ? DbGrant.PUBLIC : quote(first.grantee());
            String what = switch (first.on()) {
                case TABLE ->
                    group.stream().map(DbGrant::privilege).collect(Collectors.joining(", ")) + " ON TABLE "
                            + table(table);
                case COLUMN ->
                    first.privilege() + " ("
                            + group.stream().map(g -> quote(g.object())).collect(Collectors.joining(", "))
                            + ") ON TABLE " + table(table);
                case SEQUENCE -> "USAGE ON SEQUENCE " + qualified(table.schema(), first.object());
            };
            granteesByWhat.computeIfAbsent(what, k -> new ArrayList<>()).add(grantee);
        }
        List<String> sql = new ArrayList<>();
        granteesByWhat.forEach(
                (what, grantees) -> sql.add(verb + " " + what + preposition + String.join(", ", grantees)));
        return sql;
    }

    public String createTable(DbTable table) {
        String columns = table.columns().stream().map(this::column).collect(Collectors.joining(",\n"));
        String key = table.primaryKey()
                .map(pk -> ",\n\n" + INDENT + "CONSTRAINT " + quote(pk.name()) + " PRIMARY KEY ("
                        + quoted(pk.columns(), ",") + ")")
                .orElse("");
        return "CREATE TABLE " + table(table) + " (\n" + columns + key + "\n)";
    }

    public String createIndex(DbTable table, DbIndex index) {
        String using = index.method() == DbIndex.IndexMethod.BTREE
                ? ""
                : " USING " + index.method().sql() + " ";
        String columns = index.columns().stream()
                .map(c -> quote(c.name())
                        + c.operatorClass().map(o -> " " + o.text()).orElse("")
                        + (c.sort() == DbIndex.SortOrder.DESC ? " DESC" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON " + table(table)
                + using + "(" + columns + ")"
                + index.where()
                        .map(predicate -> " WHERE (" + predicate.text() + ")")
                        .orElse("");
    }

    public String addForeignKey(DbTable table, DbForeignKey key) {
        return "ALTER TABLE " + table(table) + " ADD CONSTRAINT " + quote(key.name())
                + " FOREIGN KEY (" + quoted(key.columns(), ", ") + ") REFERENCES "
                + qualified(key.referencedSchema(), key.referencedTable()) + "(" + quoted(key.referencedColumns(), ", ")
                + ")"
                + " ON DELETE " + key.onDelete().sql() + " ON UPDATE "
                + key.onUpdate().sql();
    }

    private String createEnum(DbEnum enumType, String name) {
        return "CREATE TYPE " + qualified(enumType.schema(), name) + " AS ENUM ("
                + enumType.values().stream().map(v -> literal(v)).collect(Collectors.joining(", ")) + ")";
    }

    private List<String> alterEnum(MigrationStep.AlterEnum step) {
        DbEnum previous = step.enums().previous();
        DbEnum next = step.enums().next();
        String name = qualified(previous.schema(), previous.name());
        List<String> statements = new ArrayList<>();
        if (!step.recreate()) {
            for (String value : step.added()) {
                statements.add("ALTER TYPE " + name + " ADD VALUE " + literal(value));
            }
            return statements;
        }
        String temporary = next.name() + "_new";
        statements.add(createEnum(next, temporary));
        for (EnumUsage usage : step.usages()) {
            statements.add("ALTER TABLE " + qualified(previous.schema(), usage.table()) + " ALTER COLUMN "
                    + quote(usage.column()) + " DROP DEFAULT");
        }
        for (EnumUsage usage : step.usages()) {
            String array = usage.list() ? "[]" : "";
            String target = qualified(next.schema(), temporary) + array;
            statements.add("ALTER TABLE " + qualified(previous.schema(), usage.table()) + " ALTER COLUMN "
                    + quote(usage.column()) + " TYPE " + target + " USING (" + quote(usage.column()) + "::text" + array
                    + "::" + target + ")");
        }
        statements.add("ALTER TYPE " + name + " RENAME TO " + quote(previous.name() + "_old"));
        statements.add("ALTER TYPE " + qualified(next.schema(), temporary) + " RENAME TO " + quote(next.name()));
        statements.add("DROP TYPE " + qualified(previous.schema(), previous.name() + "_old"));
        for (EnumUsage usage : step.usages()) {
            usage.nextDefault()
                    .ifPresent(d -> statements.add("ALTER TABLE " + qualified(previous.schema(), usage.table())
                            + " ALTER COLUMN " + quote(usage.column()) + " SET DEFAULT " + d));
        }
        return statements;
    }

    private List<String> alterTable(MigrationStep.AlterTable step) {
        DbTable table = step.tables().next();
        String prefix = "ALTER TABLE " + table(table) + " ";
        List<String> before = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (TableChange change : step.changes()) {
            if (change instanceof TableChange.RenameColumn c) {
                before.add(prefix + "RENAME COLUMN " + quote(c.previousName()) + " TO " + quote(c.nextName()));
            } else if (change instanceof TableChange.DropPrimaryKey c) {
                clauses.add("DROP CONSTRAINT " + quote(c.primaryKey().name()));
            } else if (change instanceof TableChange.RenamePrimaryKey c) {
                after.add(prefix + "RENAME CONSTRAINT " + quote(c.previousName()) + " TO " + quote(c.nextName()));
            } else if (change instanceof TableChange.DropColumn c) {
                clauses.add("DROP COLUMN " + quote(c.column().name()));
            } else if (change instanceof TableChange.AddColumn c) {
                clauses.add("ADD COLUMN " + column(c.column()));
            } else if (change instanceof TableChange.AlterColumn c) {
                alterColumn(table, c, before, clauses, after);
            } else if (change instanceof TableChange.DropAndRecreateColumn c) {
                clauses.add("DROP COLUMN " + quote(c.columns().next().name()));
                clauses.add("ADD COLUMN " + column(c.columns().next()));
            } else if (change instanceof TableChange.AddPrimaryKey c) {
                clauses.add("ADD CONSTRAINT " + quote(c.primaryKey().name()) + " PRIMARY KEY ("
                        + quoted(c.primaryKey().columns(), ", ") + ")");
            }
        }
        List<String> statements = new ArrayList<>(before);
        if (!clauses.isEmpty()) {
            statements.add(prefix + String.join(",\n", clauses));
        }
        statements.addAll(after);
        return statements;
    }

    private void alterColumn(
            DbTable table,
            TableChange.AlterColumn change,
            List<String> before,
            List<String> clauses,
            List<String> after) {
        DbColumn previous = change.columns().previous();
        DbColumn next = change.columns().next();
        String column = "ALTER COLUMN " + quote(next.name());
        String type = next.type().sql(defaultSchema);
        if (change.changes().contains(ColumnChange.AUTOINCREMENT)) {
            if (previous.autoincrement()) {
                clauses.add(column + " DROP DEFAULT");
                previous.defaultValue()
                        .filter(ColumnDefault.Sequence.class::isInstance)
                        .map(d -> ((ColumnDefault.Sequence) d).name())
                        .filter(s -> !s.isEmpty())
                        .ifPresent(s -> after.add("DROP SEQUENCE " + quote(s)));
            } else {
                String sequence = (table.name() + "_" + next.name() + "_seq").toLowerCase();
                before.add("CREATE SEQUENCE " + qualified(table.schema(), sequence));
                clauses.add(column + " SET DEFAULT nextval(" + literal(quote(sequence)) + ")");
                after.add("ALTER SEQUENCE " + qualified(table.schema(), sequence) + " OWNED BY " + table(table) + "."
                        + quote(next.name()));
            }
        }
        Optional<String> nextDefault =
                next.defaultValue().map(d -> d.sql(next.type(), defaultSchema)).filter(d -> !d.isEmpty());
        // PostgreSQL casts the old default along with the values, and refuses when it cannot ('member' to an enum,
        // '5' to an integer): the default goes before the type changes and the next one is set after.
        boolean defaultAroundType = change.changes().contains(ColumnChange.TYPE)
                && previous.defaultValue().isPresent()
                && !previous.autoincrement();
        if (defaultAroundType) {
            before.add("ALTER TABLE " + table(table) + " " + column + " DROP DEFAULT");
            nextDefault.ifPresent(d -> after.add("ALTER TABLE " + table(table) + " " + column + " SET DEFAULT " + d));
        } else if (change.changes().contains(ColumnChange.DEFAULT)) {
            clauses.add(nextDefault.map(d -> column + " SET DEFAULT " + d).orElse(column + " DROP DEFAULT"));
        }
        if (change.changes().contains(ColumnChange.ARITY)) {
            if (next.nullable()) {
                clauses.add(column + " DROP NOT NULL");
            } else if (nextDefault.isPresent() && change.changes().contains(ColumnChange.TYPE)) {
                // the default is a value of the next type: the NULLs take it once the type has changed
                after.add("UPDATE " + table(table) + " SET " + quote(next.name()) + " = " + nextDefault.get()
                        + " WHERE " + quote(next.name()) + " IS NULL");
                after.add("ALTER TABLE " + table(table) + " " + column + " SET NOT NULL");
            } else {
                nextDefault.ifPresent(d -> before.add("UPDATE " + table(table) + " SET " + quote(next.name()) + " = "
                        + d + " WHERE " + quote(next.name()) + " IS NULL"));
                clauses.add(column + " SET NOT NULL");
            }
        }
        if (change.changes().contains(ColumnChange.TYPE)) {
            String using = change.cast() == CastKind.RISKY
                    ? " USING (" + quote(next.name()) + cast(previous.type(), next.type()) + ")"
                    : "";
            clauses.add(column + " SET DATA TYPE " + type + using);
            if (previous.autoincrement() && next.autoincrement()) {
                // the sequence keeps its own type (an integer one overflows a bigint column at 2^31): it follows
                // the column
                String sequence = previous.defaultValue()
                        .filter(ColumnDefault.Sequence.class::isInstance)
                        .map(d -> ((ColumnDefault.Sequence) d).name())
                        .filter(name -> !name.isEmpty())
                        .orElse(table.name() + "_" + next.name() + "_seq");
                after.add("ALTER SEQUENCE " + qualified(table.schema(), sequence) + " AS " + type);
            }
        }
    }

    /** {@code ::TYPE}, through text for enums (PostgreSQL casts enums only from text). */
    private String cast(ColumnType previous, ColumnType next) {
        String via = previous.isEnum() || next.isEnum() ? "::text" : "";
        return via + "::" + next.sql(defaultSchema);
    }

    String column(DbColumn column) {
        String type = column.type().sql(defaultSchema);
        if (column.autoincrement() && !column.type().list()) {
            type = switch (column.type().name()) {
                case "SMALLINT" -> "SMALLSERIAL";
                case "BIGINT" -> "BIGSERIAL";
                default -> "SERIAL";
            };
        }
        String notNull = column.nullable() ? "" : " NOT NULL";
        String defaultValue = column.defaultValue()
                .map(d -> d.sql(column.type(), defaultSchema))
                .filter(d -> !d.isEmpty())
                .map(d -> " DEFAULT " + d)
                .orElse("");
        return INDENT + quote(column.name()) + " " + type + notNull + defaultValue;
    }

    private String table(DbTable table) {
        return qualified(table.schema(), table.name());
    }

    private String qualified(String schema, String name) {
        return schema.equals(defaultSchema) ? quote(name) : quote(schema) + "." + quote(name);
    }

    private static String quoted(List<String> names, String separator) {
        return names.stream().map(n -> quote(n)).collect(Collectors.joining(separator));
    }
}
