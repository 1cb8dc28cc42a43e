package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.database.ColumnType;
import dev.quarry.database.DatabaseShape;
import dev.quarry.database.DbColumn;
import dev.quarry.database.DbForeignKey;
import dev.quarry.database.DbTable;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real schema histories: for each app of the corpus with more than one PostgreSQL commit, and for each scenario of
 * {@code src/test/resources/migrate/scenarios/}, the older schema is migrated with {@code migrate dev}, every table
 * gets rows, and the newer schema is migrated with {@code migrate dev} again. The catalog after the upgrade
 * (columns compared as a set: a column added later comes last) is Prisma 7's from-empty catalog of the newer schema
 * (through the oracle of {@link PrismaCatalogIdentityTest}), and every value of every column in both versions
 * survives unless a warning the CLI printed names that column. Columns needing an extension the server lacks are
 * stripped from both versions, as in the catalog identity test.
 */
class EvolutionTest {

    /** Older and newer versions of one app or scenario, each one or more schema files. */
    private record History(String app, List<Path> older, List<Path> newer) {}

    private static final Path SCENARIOS = Path.of("src/test/resources/migrate/scenarios");

    private static History corpusHistory(String app, List<String> older, List<String> newer) {
        Path real = CorpusRoundTripTest.corpus().resolve("real");
        return new History(
                app,
                older.stream().map(real::resolve).toList(),
                newer.stream().map(real::resolve).toList());
    }

    /**
     * The apps of the corpus with more than one commit, and the scenarios under {@link #SCENARIOS}: one change each
     * of the kinds Prisma's own migration tests cover (enums, defaults across a type change, referential actions,
     * ids, indexes, implicit many-to-many, native types, database-generated defaults).
     */
    private static List<History> histories() throws IOException {
        List<History> histories = new ArrayList<>(List.of(
                corpusHistory(
                        "nextcrm",
                        List.of("pdovhomilja__nextcrm-app__prisma__schema__at-49fa439fb2.prisma"),
                        List.of("pdovhomilja__nextcrm-app__prisma__schema.prisma")),
                corpusHistory(
                        "formbricks",
                        List.of("formbricks__formbricks__packages__database__schema__at-b34097a48c.prisma"),
                        List.of(
                                "formbricks__formbricks__packages__database__schema__main.prisma",
                                "formbricks__formbricks__packages__database__schema__workflows.prisma"))));
        try (Stream<Path> scenarios = Files.list(SCENARIOS)) {
            scenarios
                    .sorted()
                    .forEach(s -> histories.add(new History(
                            s.getFileName().toString(),
                            List.of(s.resolve("older.prisma")),
                            List.of(s.resolve("newer.prisma")))));
        }
        return histories;
    }

    private static final int ROWS_PER_TABLE = 2;

    @TempDir
    Path migrations;

    @Test
    void olderToNewerKeepsRowsAndEndsInTheNewerCatalog() throws Exception {
        CatalogDump dump = null;
        int identical = 0;
        int columnsChecked = 0;
        int valuesChecked = 0;
        int announced = 0;
        int emptied = 0;
        List<String> problems = new ArrayList<>();
        List<History> histories = histories();
        List<String> prismaScripts = prismaScripts(histories);
        for (int h = 0; h < histories.size(); h++) {
            History history = histories.get(h);
            DatabaseUrl upgraded = TestServer.createDatabase("evolution_up");
            DatabaseUrl fresh = TestServer.createDatabase("evolution_new");
            try {
                if (dump == null) {
                    dump = new CatalogDump(
                            Tools.find("pg_dump")
                                    .orElseThrow(() -> new IllegalStateException("pg_dump is not installed")),
                            upgraded);
                }
                Path folder = Files.createDirectories(migrations.resolve(history.app()));
                StringWriter printed = new StringWriter();
                Migrator migrator = new Migrator(
                        upgraded,
                        new MigrationsFolder(folder),
                        Optional.empty(),
                        new PrintWriter(printed, true),
                        Prompt.nobody());
                Schema older = schema(history.older());
                Schema newer = schema(history.newer());
                migrator.dev(older, new Migrator.DevOptions("older", false, Renames.none(), false, true));
                DatabaseShape olderShape = Migrator.describe(upgraded);
                fill(upgraded, olderShape);
                Map<String, List<String>> before = values(upgraded, olderShape);
                printed.getBuffer().setLength(0);
                Migrator.DevOptions upgrade = new Migrator.DevOptions("newer", false, Renames.none(), true, true);
                try {
                    migrator.dev(newer, upgrade);
                } catch (MigrateException refused) {
                    // what a user does when the CLI refuses a step the rows cannot take: empty the tables it names,
                    // and go on
                    List<String> named = refusedTables(printed.toString());
                    emptied += named.size();
                    System.out.println(
                            history.app() + ": the upgrade was refused; emptied " + named + " after:\n" + printed);
                    TestServer.execute(
                            upgraded,
                            "TRUNCATE "
                                    + named.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))
                                    + " CASCADE");
                    before = values(upgraded, olderShape);
                    printed.getBuffer().setLength(0);
                    migrator.dev(newer, upgrade);
                }
                String warnings = printed.toString();
                Map<String, List<String>> after = values(upgraded, olderShape);

                for (Map.Entry<String, List<String>> column : before.entrySet()) {
                    List<String> kept = after.get(column.getKey());
                    if (kept == null) {
                        continue;
                    }
                    columnsChecked++;
                    valuesChecked += column.getValue().size();
                    if (!kept.equals(column.getValue())) {
                        String name = column.getKey().substring(column.getKey().indexOf('.') + 1);
                        if (warnings.contains("`" + name + "`")) {
                            announced++;
                        } else {
                            problems.add(history.app() + ": " + column.getKey() + " changed without a warning: "
                                    + column.getValue() + " -> " + kept);
                        }
                    }
                }
                for (String historyTable : Flyways.HISTORY_TABLES) {
                    TestServer.execute(upgraded, "DROP TABLE IF EXISTS \"" + historyTable + "\"");
                }
                TestServer.execute(fresh, prismaScripts.get(h));
                if (sorted(dump.of(upgraded)).equals(sorted(dump.of(fresh)))) {
                    identical++;
                } else {
                    problems.add(history.app()
                            + ": the catalog after the upgrade is not the newer schema's from-empty catalog");
                }
            } finally {
                TestServer.dropDatabase(upgraded);
                TestServer.dropDatabase(fresh);
            }
        }
        System.out.printf(
                "Evolution: %d histories, %d catalogs identical to Prisma 7's from-empty one of the newer "
                        + "schema, "
                        + "%d columns and %d values checked, %d columns changed by a step the CLI announced, %d "
                        + "tables emptied where the CLI refused a step%n",
                histories.size(), identical, columnsChecked, valuesChecked, announced, emptied);
        assertEquals(List.of(), problems);
        assertEquals(histories.size(), identical);
    }

    private static final Pattern NAMED_TABLE = Pattern.compile("(?:the `(\\w+)` table|table `(\\w+)`)");

    /** The tables the refusing warnings (those that say the step cannot run) name. */
    private static List<String> refusedTables(String printed) {
        List<String> tables = new ArrayList<>();
        for (String line : printed.split("\n")) {
            if (line.contains("not possible if the table is not empty")
                    || line.contains("cannot")
                    || line.contains("existing NULL values")) {
                Matcher m = NAMED_TABLE.matcher(line);
                while (m.find()) {
                    String table = m.group(1) != null ? m.group(1) : m.group(2);
                    if (!tables.contains(table)) {
                        tables.add(table);
                    }
                }
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("refused, naming no table:\n" + printed);
        }
        return tables;
    }

    /**
     * Prisma 7's from-empty script of each history's newer schema (its files joined into one), in one run of the
     * oracle.
     */
    private static List<String> prismaScripts(List<History> histories) throws Exception {
        Path oracle = PrismaCatalogIdentityTest.prismaOracle();
        Path inputs = Files.createTempDirectory("quarry-evolution");
        List<String> schemaFiles = new ArrayList<>();
        for (History history : histories) {
            StringBuilder joined = new StringBuilder();
            for (Path file : history.newer()) {
                joined.append(text(file)).append('\n');
            }
            schemaFiles.add(Files.writeString(inputs.resolve(schemaFiles.size() + ".prisma"), joined)
                    .toString());
        }
        Path list = Files.write(inputs.resolve("list.txt"), schemaFiles);
        DatabaseUrl scratch = TestServer.createDatabase("evolution_oracle");
        try {
            PrismaCatalogIdentityTest.runPrisma(oracle, list, inputs, scratch);
        } finally {
            TestServer.dropDatabase(scratch);
        }
        List<String> scripts = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            Path sql = inputs.resolve(i + ".sql");
            if (!Files.isRegularFile(sql)) {
                throw new IllegalStateException("Prisma wrote no migration for "
                        + histories.get(i).newer() + ": " + Files.readString(inputs.resolve(i + ".err")));
            }
            scripts.add(Files.readString(sql));
        }
        return scripts;
    }

    private static String text(Path file) throws IOException {
        String text = Files.readString(file).replaceAll("(?m)^\\s*(url|directUrl|shadowDatabaseUrl)\\s*=.*$", "");
        return PrismaCatalogIdentityTest.withoutMissingExtensions(text);
    }

    private static Schema schema(List<Path> files) throws Exception {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(new SourceFile(file.getFileName().toString(), text(file)));
        }
        var result = PrismaSchema.parse(sources);
        return result.schema().orElseThrow(() -> new IllegalStateException(files + ": " + result.errors()));
    }

    /**
     * Each CREATE statement's lines in order, so that a column added by a later migration compares with the same
     * column declared in place.
     */
    private static String sorted(String catalog) {
        return catalog.lines()
                .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l)
                .sorted()
                .collect(Collectors.joining("\n"));
    }

    /**
     * {@link #ROWS_PER_TABLE} rows in every table, tables referenced by a required key first; row n points at row
     * n.
     */
    private static void fill(DatabaseUrl url, DatabaseShape shape) throws SQLException {
        List<DbTable> pending = new ArrayList<>(shape.tables());
        List<String> filled = new ArrayList<>();
        try (Connection connection = TestServer.connect(url);
                Statement statement = connection.createStatement()) {
            while (!pending.isEmpty()) {
                DbTable table = pending.stream()
                        .filter(t ->
                                requiredReferences(t).stream().allMatch(r -> r.equals(t.name()) || filled.contains(r)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("a cycle of required keys among "
                                + pending.stream().map(DbTable::name).toList()));
                for (int row = 1; row <= ROWS_PER_TABLE; row++) {
                    List<String> columns = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (DbColumn column : table.columns()) {
                        Optional<String> value = value(table, column, row, filled);
                        if (value.isPresent()) {
                            columns.add("\"" + column.name() + "\"");
                            values.add(value.get());
                        }
                    }
                    String insert = columns.isEmpty()
                            ? " DEFAULT VALUES"
                            : " (" + String.join(", ", columns) + ") VALUES (" + String.join(", ", values) + ")";
                    statement.execute("INSERT INTO \"" + table.name() + "\"" + insert);
                }
                filled.add(table.name());
                pending.remove(table);
            }
        }
    }

    private static List<String> requiredReferences(DbTable table) {
        return table.foreignKeys().stream()
                .filter(k -> k.columns().stream()
                        .anyMatch(c ->
                                table.findColumn(c).map(col -> !col.nullable()).orElse(false)))
                .map(DbForeignKey::referencedTable)
                .toList();
    }

    /** A value of the column's type for row n; empty to leave it to its default. */
    private static Optional<String> value(DbTable table, DbColumn column, int row, List<String> filled) {
        Optional<DbForeignKey> key = table.foreignKeys().stream()
                .filter(k -> k.columns().size() == 1 && k.columns().get(0).equals(column.name()))
                .findFirst();
        if (key.isPresent()) {
            String referenced = key.get().referencedTable();
            return Optional.of(
                    filled.contains(referenced)
                            ? "(SELECT \"" + key.get().referencedColumns().get(0) + "\" FROM \"" + referenced
                                    + "\" ORDER BY 1 OFFSET " + (row - 1) + " LIMIT 1)"
                            : "NULL");
        }
        if (column.autoincrement()) {
            return Optional.empty();
        }
        ColumnType type = column.type();
        String sql = type.sql("public");
        if (type.isEnum()) {
            String first = "(enum_range(NULL::"
                    + ColumnType.enumType(type.schema(), type.name(), false).sql("public") + "))[1]";
            return Optional.of(type.list() ? "ARRAY[" + first + "]" : first);
        }
        String literal = switch (type.family() == ColumnType.Family.BUILTIN ? type.name() : "") {
            case "TEXT", "VARCHAR", "CHAR", "CITEXT" -> "v" + row;
            case "SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "DOUBLE PRECISION", "REAL", "MONEY" ->
                Integer.toString(row);
            case "BOOLEAN" -> row % 2 == 1 ? "true" : "false";
            case "TIMESTAMP", "TIMESTAMPTZ", "DATE" ->
                "2024-01-0" + row + (type.name().equals("DATE") ? "" : " 10:00:00");
            case "TIME", "TIMETZ" -> "10:00:0" + row;
            case "JSON", "JSONB" -> "{\"row\": " + row + "}";
            case "UUID" -> "00000000-0000-0000-0000-00000000000" + row;
            case "BYTEA" -> "\\x0" + row;
            default -> null;
        };
        if (literal == null) {
            return Optional.empty();
        }
        if (type.list()) {
            literal = "{\"" + literal.replace("\"", "\\\"") + "\"}";
        }
        return Optional.of("'" + literal.replace("'", "''") + "'::" + sql);
    }

    /** Every column's values as text, rows in primary key order, keyed "table.column". */
    private static Map<String, List<String>> values(DatabaseUrl url, DatabaseShape shape) throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        try (Connection connection = TestServer.connect(url);
                Statement statement = connection.createStatement()) {
            for (DbTable table : shape.tables()) {
                String order = table.primaryKey()
                        .map(k -> k.columns().stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", ")))
                        .orElse("1");
                for (DbColumn column : table.columns()) {
                    try (ResultSet rs = statement.executeQuery(
                            "SELECT \"" + column.name() + "\"::text FROM \"" + table.name() + "\" ORDER BY " + order)) {
                        List<String> columnValues = new ArrayList<>();
                        while (rs.next()) {
                            columnValues.add(rs.getString(1));
                        }
                        values.put(table.name() + "." + column.name(), columnValues);
                    } catch (SQLException gone) {
                        // the table or column is not in the newer version
                        if (!gone.getSQLState().equals("42P01")
                                && !gone.getSQLState().equals("42703")) {
                            throw gone;
                        }
                    }
                }
            }
        }
        return values;
    }
}
