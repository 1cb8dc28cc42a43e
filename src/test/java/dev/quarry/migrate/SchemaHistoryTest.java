package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.migrate.diff.Renames;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects a real app's history met half-way through an upgrade with {@code migrate dev}, each on a database
 * with rows, and the data check that refuses a cast the rows cannot take before anything runs.
 */
class SchemaHistoryTest {

    @TempDir
    Path migrations;

    private DatabaseUrl url;
    /** What the last {@code migrate dev} said. */
    private StringWriter printed;

    @BeforeEach
    void createDatabase() {
        url = TestServer.createDatabase("schema_history");
    }

    @AfterEach
    void dropDatabase() {
        TestServer.dropDatabase(url);
    }

    static Schema schema(String models) {
        var result =
                PrismaSchema.parse("schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n\n" + models);
        assertTrue(!result.hasErrors(), result.errors().toString());
        return result.schema().orElseThrow();
    }

    private String dev(Schema schema, boolean acceptDataLoss, boolean createOnly) {
        printed = new StringWriter();
        Migrator migrator = new Migrator(
                url,
                new MigrationsFolder(migrations),
                Optional.empty(),
                new PrintWriter(printed, true),
                Prompt.nobody());
        Optional<Path> file = migrator.dev(
                schema, new Migrator.DevOptions("step", createOnly, Renames.none(), acceptDataLoss, false));
        try {
            return file.isPresent() ? Files.readString(file.get()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String query(String sql) throws SQLException {
        try (Connection c = TestServer.connect(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append(';');
            }
            return out.toString();
        }
    }

    private static final String MEMBER =
            "model Member {\n  id Int @id @default(autoincrement())\n  role String @default(\"member\")\n  "
                    + "level "
                    + "String @default(\"5\")\n}\n";
    private static final String TYPED =
            "model Member {\n  id Int @id @default(autoincrement())\n  role Role @default(user)\n  level "
                    + "Int "
                    + "@default(5)\n}\n"
                    + "enum Role {\n  user\n  admin\n}\n";

    @Test
    void typeChangeOnAColumnWithADefaultDropsTheDefaultCastsAndSetsTheNextOne() throws SQLException {
        dev(schema(MEMBER), false, false);
        TestServer.execute(url, "INSERT INTO \"Member\" (role, level) VALUES ('admin', '7'), ('user', ' 12 ')");
        String sql = dev(schema(TYPED), true, false);
        assertTrue(sql.contains("ALTER TABLE \"Member\" ALTER COLUMN \"role\" DROP DEFAULT;\n"), sql);
        assertTrue(sql.contains("ALTER COLUMN \"role\" SET DATA TYPE \"Role\" USING (\"role\"::text::\"Role\")"), sql);
        assertTrue(sql.contains("ALTER COLUMN \"level\" SET DATA TYPE INTEGER USING (\"level\"::INTEGER)"), sql);
        assertTrue(sql.indexOf("SET DEFAULT 'user'") > sql.indexOf("SET DATA TYPE \"Role\""), sql);
        assertEquals("admin:7;user:12;", query("SELECT role::text || ':' || level FROM \"Member\" ORDER BY id"));
        TestServer.execute(url, "INSERT INTO \"Member\" DEFAULT VALUES");
        assertEquals("user:5;", query("SELECT role::text || ':' || level FROM \"Member\" WHERE id = 3"));
        assertEquals("", dev(schema(TYPED), false, false), "a second migrate dev finds nothing");
    }

    @Test
    void aValueAddedToAnEnumCanBeUsedInTheSameMigration() throws SQLException {
        String roles = "enum Role {\n  user\n  admin\n%s}\n";
        dev(
                schema("model Member {\n  id Int @id\n  kind Role\n  role String\n}\n" + roles.formatted("")),
                false,
                false);
        TestServer.execute(url, "INSERT INTO \"Member\" VALUES (1, 'user', 'owner')");
        String sql = dev(
                schema("model Member {\n  id Int @id\n  kind Role\n  role Role\n}\n" + roles.formatted("  owner\n")),
                true,
                false);
        assertFalse(sql.contains("ADD VALUE"), "a value added in the transaction cannot be used in it: " + sql);
        assertEquals("user:owner;", query("SELECT kind::text || ':' || role::text FROM \"Member\""));
    }

    @Test
    void enumIsDroppedAfterTheTableThatUsesIt() throws SQLException {
        String user = "model User {\n  id Int @id\n}\n";
        dev(schema(user + "model Thing {\n  id Int @id\n  kind Kind\n}\nenum Kind {\n  a\n  b\n}\n"), false, false);
        TestServer.execute(url, "INSERT INTO \"Thing\" VALUES (1, 'a')");
        String sql = dev(schema(user), true, false);
        assertTrue(sql.indexOf("DROP TABLE \"Thing\"") < sql.indexOf("DROP TYPE \"Kind\""), sql);
        assertEquals("", query("SELECT typname FROM pg_type WHERE typname = 'Kind'"));
    }

    @Test
    void optionalRelationOverARequiredScalarRestrictsDeletes() throws SQLException {
        Schema schema = schema("model User {\n  id Int @id\n  things Thing[]\n}\n"
                + "model Thing {\n  id Int @id\n  owner Int\n  user User? @relation(fields: [owner], references: "
                + "[id])\n}\n");
        assertEquals(ReferentialAction.RESTRICT, schema.relations().get(0).onDelete());
        String sql = dev(schema, false, false);
        assertTrue(
                sql.contains("FOREIGN KEY (\"owner\") REFERENCES \"User\"(\"id\") ON DELETE RESTRICT ON UPDATE "
                        + "CASCADE"),
                sql);
        TestServer.execute(url, "INSERT INTO \"User\" VALUES (1); INSERT INTO \"Thing\" VALUES (1, 1)");
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> TestServer.execute(url, "DELETE FROM \"User\""));
        assertEquals("23503", ((SQLException) refused.getCause()).getSQLState(), refused.getMessage());

        Schema bothOptional = schema("model User {\n  id Int @id\n  things Thing[]\n}\n"
                + "model Thing {\n  id Int @id\n  owner Int?\n  user User? @relation(fields: [owner], references: "
                + "[id])\n}\n");
        assertEquals(ReferentialAction.SET_NULL, bothOptional.relations().get(0).onDelete());
    }

    @Test
    void dataCheckRefusesACastTheRowsCannotTakeUnlessTheLossIsAcceptedOrTheMigrationIsOnlyCreated() throws Exception {
        dev(schema(MEMBER), false, false);
        TestServer.execute(
                url,
                "INSERT INTO \"Member\" (role, level) VALUES ('member', '5'), ('guest', 'x'), ('admin', "
                        + "'99999999999'), ('admin', '7')");
        MigrateException refused = assertThrows(MigrateException.class, () -> dev(schema(TYPED), false, false));
        assertTrue(refused.getMessage().contains("cannot run on the data present"), refused.getMessage());
        assertTrue(
                printed.toString()
                        .contains("holds 2 values that cannot be cast from `TEXT` to `\"Role\"` (for example "
                                + "'guest', 'member')"),
                printed.toString());
        assertEquals(
                "text;",
                query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Member' AND "
                        + "column_name = "
                        + "'role'"),
                "nothing ran");
        Path[] files;
        try (var list = Files.list(migrations)) {
            files = list.toArray(Path[]::new);
        }
        assertEquals(2, files.length, "the first migration and its undo script only");

        String created = dev(schema(TYPED), false, true);
        assertTrue(
                created.contains("The column `role` on the `Member` table holds 2 values that cannot be cast from "
                        + "`TEXT` to "
                        + "`\"Role\"` (for example 'guest', 'member')"),
                created);
        assertTrue(
                created.contains("The column `level` on the `Member` table holds 2 values that cannot be cast from "
                        + "`TEXT` to "
                        + "`INTEGER` (for example '99999999999', 'x')"),
                created);
        assertEquals(
                "text;",
                query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Member' AND "
                        + "column_name = "
                        + "'role'"),
                "nothing ran");
        try (var list = Files.list(migrations)) {
            for (Path file :
                    list.filter(f -> Arrays.stream(files).noneMatch(f::equals)).toList()) {
                Files.delete(file);
            }
        }

        String accepted = dev(schema(TYPED), true, false);
        assertTrue(
                accepted.contains("ALTER TABLE \"Member\" DROP COLUMN \"role\",\nADD COLUMN     \"role\" \"Role\" "
                        + "NOT NULL DEFAULT " + "'user'"),
                accepted);
        assertEquals(
                "user:5;user:5;user:5;user:5;", query("SELECT role::text || ':' || level FROM \"Member\" ORDER BY id"));
        assertEquals(
                4, Integer.parseInt(query("SELECT count(*) FROM \"Member\"").replace(";", "")), "the rows stay");
    }

    @Test
    void dataCheckRefusesAUniqueConstraintOverDuplicates() throws SQLException {
        String user = "model User {\n  id Int @id\n  email String%s\n  nick String?%s\n}\n";
        dev(schema(user.formatted("", "")), false, false);
        TestServer.execute(url, "INSERT INTO \"User\" VALUES (1, 'a@x', NULL), (2, 'a@x', NULL), (3, 'b@x', NULL)");
        MigrateException refused =
                assertThrows(MigrateException.class, () -> dev(schema(user.formatted(" @unique", "")), true, false));
        assertTrue(refused.getMessage().contains("cannot run on the data present"), refused.getMessage());
        assertTrue(
                printed.toString()
                        .contains("The table `User` holds 1 values of `[email]` more than once (for example 'a@x')"),
                printed.toString());
        TestServer.execute(url, "UPDATE \"User\" SET email = 'c@x' WHERE id = 2");
        String sql = dev(schema(user.formatted(" @unique", " @unique")), true, false);
        assertTrue(sql.contains("CREATE UNIQUE INDEX \"User_email_key\""), sql);
        assertFalse(sql.contains("more than once"), "NULLs never clash: " + sql);
    }

    @Test
    void narrowingAVarcharNamesTheRowsItWouldCutAndNeedsConsent() throws SQLException {
        String person = "model Person {\n  id Int @id\n  name String @db.VarChar(%d)\n}\n";
        dev(schema(person.formatted(50)), false, false);
        TestServer.execute(
                url,
                "INSERT INTO \"Person\" VALUES (1, 'Ada'), (2, 'Grace Brewster Hopper'), (3, 'Margaret "
                        + "Hamilton')");
        MigrateException refused =
                assertThrows(MigrateException.class, () -> dev(schema(person.formatted(10)), false, false));
        assertTrue(refused.getMessage().contains("--accept-data-loss"), refused.getMessage());
        assertTrue(
                printed.toString()
                        .contains("The column `name` on the `Person` table, cast from `VARCHAR(50)` to "
                                + "`VARCHAR(10)`, holds 2 values "
                                + "longer than 10 characters: they will be cut to that length (for example "
                                + "id 2: 'Grace Brewster Hopper', id 3: 'Margaret Hamilton')."),
                printed.toString());
        assertEquals(
                "50;",
                query("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = "
                        + "'Person' AND "
                        + "column_name = 'name'"),
                "nothing ran");

        dev(schema(person.formatted(10)), true, false);
        assertEquals("Ada;Grace Brew;Margaret H;", query("SELECT name FROM \"Person\" ORDER BY id"));
        dev(schema(person.formatted(12)), false, false);
        String quiet = dev(schema(person.formatted(10)), false, false);
        assertTrue(
                quiet.contains("SET DATA TYPE VARCHAR(10)")
                        && !printed.toString().contains("Warnings"),
                "no value is cut: nothing to consent to\n" + printed);
    }

    @Test
    void narrowingANumberRefusesWhatOverflowsAndNamesWhatItRounds() throws SQLException {
        String price = "model Price {\n  id Int @id\n  amount Decimal @db.Decimal(%s)\n  hits %s\n}\n";
        dev(schema(price.formatted("10,4", "BigInt")), false, false);
        TestServer.execute(
                url, "INSERT INTO \"Price\" VALUES (1, 12.5, 1), (2, 3.14159, 2), (3, 123456.5, 3000000000)");
        String narrow = price.formatted("6,2", "Int");
        MigrateException refused = assertThrows(MigrateException.class, () -> dev(schema(narrow), false, false));
        assertTrue(refused.getMessage().contains("cannot run on the data present"), refused.getMessage());
        assertTrue(
                printed.toString()
                        .contains("The column `amount` on the `Price` table holds 1 values that cannot be "
                                + "cast from `DECIMAL(10,4)` " + "to `DECIMAL(6,2)` (for example '123456.5000')"),
                printed.toString());
        assertTrue(
                printed.toString()
                        .contains("The column `hits` on the `Price` table holds 1 values that cannot be cast "
                                + "from `BIGINT` to " + "`INTEGER` (for example '3000000000')"),
                printed.toString());

        TestServer.execute(url, "DELETE FROM \"Price\" WHERE id = 3");
        MigrateException consent = assertThrows(MigrateException.class, () -> dev(schema(narrow), false, false));
        assertTrue(consent.getMessage().contains("--accept-data-loss"), consent.getMessage());
        assertTrue(
                printed.toString()
                        .contains("holds 1 values more than 2 decimal places: they will be rounded (for "
                                + "example id 2: '3.1416')"),
                printed.toString());
        assertEquals(
                "numeric;",
                query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Price' AND "
                        + "column_name = "
                        + "'amount'"),
                "nothing ran");
        dev(schema(narrow), true, false);
        assertEquals("12.50:1;3.14:2;", query("SELECT amount::text || ':' || hits FROM \"Price\" ORDER BY id"));
    }

    @Test
    void aViewOverARetypedColumnIsDroppedAroundTheChangeAndOneOverADroppedColumnIsNamed() throws Exception {
        dev(schema("model Member {\n  id Int @id\n  level String\n  nick String?\n}\n"), false, false);
        // the views a user adds in a migration of their own, as Prisma's docs say to
        String first;
        try (var list = Files.list(migrations)) {
            first = list.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith("V"))
                    .findFirst()
                    .orElseThrow();
        }
        long version = Long.parseLong(first.substring(1, first.indexOf("__"))) + 1;
        Files.writeString(
                migrations.resolve("V" + version + "__views.sql"),
                "CREATE VIEW \"Levels\" AS SELECT id, level FROM \"Member\";\n"
                        + "CREATE VIEW \"TopLevels\" AS SELECT id FROM \"Levels\";\nCREATE VIEW \"Nicks\" AS SELECT "
                        + "nick FROM \"Member\";\n");
        TestServer.execute(url, "INSERT INTO \"Member\" VALUES (1, '7', 'ada')");
        MigrateException refused = assertThrows(
                MigrateException.class,
                () -> dev(schema("model Member {\n  id Int @id\n  level Int\n}\n"), false, false));
        assertTrue(refused.getMessage().contains("--accept-data-loss"), refused.getMessage());
        assertTrue(
                printed.toString()
                        .contains("The view `Nicks` reads a table or column this migration drops or renames: "
                                + "it is dropped and not " + "created again."),
                printed.toString());
        String sql = dev(schema("model Member {\n  id Int @id\n  level Int\n}\n"), true, false);
        assertTrue(
                sql.indexOf("DROP VIEW IF EXISTS \"TopLevels\"") < sql.indexOf("DROP VIEW IF EXISTS \"Levels\"")
                        && sql.indexOf("DROP VIEW IF EXISTS \"Levels\"") < sql.indexOf("SET DATA TYPE INTEGER")
                        && sql.indexOf("CREATE VIEW \"Levels\"") < sql.indexOf("CREATE VIEW \"TopLevels\""),
                sql);
        assertEquals("1;", query("SELECT id FROM \"TopLevels\""));
        assertEquals(
                "integer;",
                query("SELECT data_type FROM information_schema.columns WHERE table_name = 'Levels' AND "
                        + "column_name = "
                        + "'level'"));
        assertEquals("", query("SELECT viewname FROM pg_views WHERE viewname = 'Nicks'"));
    }
}
