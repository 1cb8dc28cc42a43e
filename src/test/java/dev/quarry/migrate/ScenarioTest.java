package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.migrate.diff.Renames;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema changes through {@code migrate dev} on a database with data: the SQL, the warnings, and what survives. */
class ScenarioTest {

    @TempDir
    Path migrations;

    private DatabaseUrl url;

    @BeforeEach
    void createDatabase() {
        url = TestServer.createDatabase("scenario");
    }

    @AfterEach
    void dropDatabase() {
        TestServer.dropDatabase(url);
    }

    private static Schema schema(String models) {
        var result =
                PrismaSchema.parse("schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n\n" + models);
        assertTrue(!result.hasErrors(), result.errors().toString());
        return result.schema().orElseThrow();
    }

    private String dev(Schema schema, Renames renames, boolean acceptDataLoss) throws Exception {
        Migrator migrator = new Migrator(
                url,
                new MigrationsFolder(migrations),
                Optional.empty(),
                new PrintWriter(new ByteArrayOutputStream()),
                Prompt.nobody());
        Optional<Path> file =
                migrator.dev(schema, new Migrator.DevOptions("step", false, renames, acceptDataLoss, false));
        return file.isPresent() ? Files.readString(file.get()) : "";
    }

    private String query(String sql) throws Exception {
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

    private static final String V1 =
            "model User {\n  id Int @id @default(autoincrement())\n  fullName String\n  nick String?\n}\n";

    @Test
    void renameKeepsDataAndAnUnansweredRenameIsRefused() throws Exception {
        dev(schema(V1), Renames.none(), false);
        TestServer.execute(url, "INSERT INTO \"User\" (\"fullName\") VALUES ('Ada')");
        Schema v2 = schema("model User {\n  id Int @id @default(autoincrement())\n  name String\n  nick String?\n}\n");
        MigrateException refused = assertThrows(MigrateException.class, () -> dev(v2, Renames.none(), false));
        assertTrue(refused.getMessage().contains("looks like a rename"), refused.getMessage());
        String sql = dev(v2, Renames.none().withColumn("User", "fullName", "name"), false);
        assertTrue(sql.contains("ALTER TABLE \"User\" RENAME COLUMN \"fullName\" TO \"name\";"), sql);
        assertEquals("Ada;", query("SELECT name FROM \"User\""));
        String undo = Files.list(migrations)
                .filter(p -> p.getFileName().toString().startsWith("U"))
                .sorted()
                .reduce((a, b) -> b)
                .map(p -> {
                    try {
                        return Files.readString(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .orElseThrow();
        assertTrue(undo.contains("RENAME COLUMN \"name\" TO \"fullName\""), undo);
    }

    @Test
    void optionalToRequiredWithDefaultFillsNullsAndDropNeedsConsent() throws Exception {
        dev(schema(V1), Renames.none(), false);
        TestServer.execute(url, "INSERT INTO \"User\" (\"fullName\") VALUES ('Ada')");
        String sql = dev(
                schema("model User {\n  id Int @id @default(autoincrement())\n  fullName String\n  nick String "
                        + "@default(\"anon\")\n}\n"),
                Renames.none(),
                false);
        assertTrue(sql.contains("UPDATE \"User\" SET \"nick\" = 'anon' WHERE \"nick\" IS NULL;"), sql);
        assertEquals("anon;", query("SELECT nick FROM \"User\""));

        Schema dropped = schema("model User {\n  id Int @id @default(autoincrement())\n  fullName String\n}\n");
        MigrateException refused = assertThrows(MigrateException.class, () -> dev(dropped, Renames.none(), false));
        assertTrue(refused.getMessage().contains("--accept-data-loss"), refused.getMessage());
        sql = dev(dropped, Renames.none(), true);
        assertTrue(
                sql.contains("You are about to drop the column `nick` on the `User` table, which still contains "
                        + "1 non-null "
                        + "values."),
                sql);
        assertEquals("Ada;", query("SELECT \"fullName\" FROM \"User\""));
    }

    @Test
    void requiredColumnWithoutDefaultOnATableWithRowsIsRefused() throws Exception {
        dev(schema(V1), Renames.none(), false);
        TestServer.execute(url, "INSERT INTO \"User\" (\"fullName\") VALUES ('Ada')");
        MigrateException refused = assertThrows(
                MigrateException.class,
                () -> dev(
                        schema("model User {\n  id Int @id @default(autoincrement())\n  fullName String\n "
                                + " nick String?\n " + " age Int\n}\n"),
                        Renames.none(),
                        true));
        assertTrue(refused.getMessage().contains("cannot run on the data present"), refused.getMessage());
    }

    @Test
    void enumValuesAddedAndRemovedAndWideningKeepsData() throws Exception {
        String base = "model User {\n  id Int @id @default(autoincrement())\n  role Role @default(USER)\n  score "
                + "Int\n}\n";
        dev(schema(base + "enum Role {\n  USER\n  ADMIN\n}\n"), Renames.none(), false);
        TestServer.execute(url, "INSERT INTO \"User\" (\"score\") VALUES (7)");
        String sql = dev(schema(base + "enum Role {\n  USER\n  ADMIN\n  OWNER\n}\n"), Renames.none(), false);
        assertTrue(sql.contains("ALTER TYPE \"Role\" ADD VALUE 'OWNER';"), sql);
        sql = dev(
                schema(base.replace("score Int", "score BigInt") + "enum Role {\n  USER\n  OWNER\n}\n"),
                Renames.none(),
                true);
        assertTrue(sql.contains("The values [ADMIN] on the enum `Role` will be removed."), sql);
        assertTrue(sql.contains("ALTER COLUMN \"score\" SET DATA TYPE BIGINT"), sql);
        assertEquals("USER;", query("SELECT role::text FROM \"User\""));
        assertEquals("7;", query("SELECT score FROM \"User\""));
    }

    @Test
    void newRelationsManyToManyAndIndexes() throws Exception {
        dev(schema(V1), Renames.none(), false);
        String sql = dev(
                schema(V1.replace("}\n", "  posts Post[]\n  tags Tag[]\n}\n")
                        + "model Post {\n  id Int @id\n  author User @relation(fields: [authorId], references: "
                        + "[id])\n  authorId Int\n  @@index([authorId])\n}\nmodel Tag {\n  id Int @id\n  users "
                        + "User[]\n}\n"),
                Renames.none(),
                false);
        assertTrue(sql.contains("CREATE TABLE \"_TagToUser\""), sql);
        assertTrue(
                sql.contains("ALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY "
                        + "(\"authorId\") REFERENCES " + "\"User\"(\"id\") ON DELETE RESTRICT ON UPDATE CASCADE;"),
                sql);
        assertTrue(sql.contains("CREATE INDEX \"Post_authorId_idx\" ON \"Post\"(\"authorId\");"), sql);
    }
}
