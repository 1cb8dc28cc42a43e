package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.migrate.Migrations;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db push}, {@code db seed} and {@code migrate diff} run as a person runs them. */
class DbCommandTest {

    @TempDir
    Path project;

    private DatabaseUrl url;
    private String schemaFile;

    @BeforeEach
    void createDatabase() throws Exception {
        url = TestServer.createDatabase("cli_db");
        schemaFile = write("schema.prisma", MigrateCommandTest.PERSON);
    }

    @AfterEach
    void dropDatabase() {
        TestServer.dropDatabase(url);
    }

    private String write(String name, String models) throws Exception {
        Path file = project.resolve(name);
        Files.writeString(file, MigrateCommandTest.DATASOURCE + models);
        return file.toString();
    }

    static List<String> column(DatabaseUrl url, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = TestServer.connect(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void pushCreatesThenFindsNothingAndAsksBeforeLosingData() throws Exception {
        Cli.Run push = Cli.run(url, "db", "push", "--schema", schemaFile);
        assertEquals(0, push.exitCode(), push.toString());
        assertTrue(push.out().contains("\nThe database is now in sync with the schema ("), push.toString());
        TestServer.execute(url, "INSERT INTO people (full_name, nick) VALUES ('Ada', 'ada')");
        Cli.Run again = Cli.run(url, "db", "push", "--schema", schemaFile);
        assertTrue(again.out().endsWith("\nThe database is already in sync with the schema.\n"), again.toString());

        write("schema.prisma", MigrateCommandTest.PERSON.replace("  nick String?\n", ""));
        Cli.Run refused = Cli.run(url, "db", "push", "--schema", schemaFile);
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(
                refused.out()
                        .contains("You are about to drop the column `nick` on the `people` table, which "
                                + "still contains 1 non-null " + "values."),
                refused.toString());
        assertTrue(refused.err().contains("--accept-data-loss"), refused.toString());
        assertEquals(List.of("ada"), column(url, "SELECT nick FROM people"));

        Cli.Run accepted = Cli.run(url, "db", "push", "--schema", schemaFile, "--accept-data-loss");
        assertEquals(0, accepted.exitCode(), accepted.toString());
        assertEquals(
                List.of(),
                column(
                        url,
                        "SELECT column_name FROM information_schema.columns WHERE table_name = 'people' "
                                + "AND column_name = " + "'nick'"));
        assertTrue(Files.notExists(project.resolve("migrations")), "db push writes no migration");
    }

    @Test
    void seedRunsInOneTransaction() throws Exception {
        assertEquals(0, Cli.run(url, "db", "push", "--schema", schemaFile).exitCode());
        Cli.Run missing = Cli.run(
                url,
                "db",
                "seed",
                "--schema",
                schemaFile,
                "--file",
                project.resolve("nope.sql").toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().startsWith("error: no seed file at "), missing.toString());

        Path broken = project.resolve("broken.sql");
        Files.writeString(
                broken,
                "INSERT INTO people (full_name) VALUES ('Ada');\nINSERT INTO people (no_such_column) "
                        + "VALUES (1);\n");
        Cli.Run failed = Cli.run(url, "db", "seed", "--schema", schemaFile, "--file", broken.toString());
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(
                failed.err().contains("failed and changed nothing")
                        && failed.err().contains("no_such_column"),
                failed.toString());
        assertEquals(List.of(), column(url, "SELECT full_name FROM people"));

        Path seed = project.resolve("seed.sql");
        Files.writeString(seed, "INSERT INTO people (full_name) VALUES ('Ada'), ('Grace');\n");
        Cli.Run ok = Cli.run(url, "db", "seed", "--schema", schemaFile, "--file", seed.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals(List.of("Ada", "Grace"), column(url, "SELECT full_name FROM people ORDER BY id"));
    }

    /**
     * Prisma's re-introspection of a multi-file schema: each model stays in its file, new ones go to
     * introspected.prisma.
     */
    @Test
    void pullIntoASchemaFolderKeepsEachModelInItsFile() throws Exception {
        Path folder = project.resolve("prisma/schema");
        Files.createDirectories(folder);
        String config = "generator client {\n  provider = \"prisma-client\"\n}\n\n" + MigrateCommandTest.DATASOURCE;
        Files.writeString(folder.resolve("config.prisma"), config);
        Files.writeString(
                folder.resolve("author.prisma"),
                "/// People who write\nmodel Author {\n  id   Int    @id @default(autoincrement())\n  name "
                        + "String\n  Post Post[]\n}\n");
        Files.writeString(
                folder.resolve("post.prisma"),
                "model Post {\n  id       Int    @id @default(autoincrement())\n  authorId Int\n"
                        + "  Author   Author @relation(fields: [authorId], references: [id])\n}\n");
        Cli.Run push = Cli.run(url, "db", "push", "--schema", folder.toString());
        assertEquals(0, push.exitCode(), push.toString());
        Files.writeString(
                folder.resolve("post.prisma"),
                Files.readString(folder.resolve("post.prisma")) + "\nmodel Gone {\n  id Int @id\n}\n");
        TestServer.execute(
                url,
                "CREATE TYPE \"Mood\" AS ENUM ('calm', 'busy'); CREATE TABLE \"Tag\" (id SERIAL PRIMARY "
                        + "KEY, mood "
                        + "\"Mood\" NOT NULL)");

        Cli.Run pull = Cli.run(url, "db", "pull", "--schema", folder.toString(), "--url", url.toPrismaUrl());
        assertEquals(0, pull.exitCode(), pull.toString());
        assertEquals(
                "Wrote " + folder
                        + " (author.prisma, config.prisma, post.prisma, introspected.prisma): 3 table(s), 1 enum(s) "
                        + "from "
                        + url.redacted() + ".\n",
                pull.out());
        assertEquals(
                config.strip() + "\n",
                Files.readString(folder.resolve("config.prisma")),
                "the generator and datasource stay where they are");
        String author = Files.readString(folder.resolve("author.prisma"));
        assertTrue(
                author.startsWith("model Author {") && !author.contains("model Post") && !author.contains("Tag"),
                author);
        String post = Files.readString(folder.resolve("post.prisma"));
        assertTrue(
                post.startsWith("model Post {")
                        && post.contains("@relation(fields: [authorId], references: [id])")
                        && !post.contains("Gone"),
                post);
        String introspected = Files.readString(folder.resolve("introspected.prisma"));
        assertTrue(
                introspected.startsWith("model Tag {")
                        && introspected.contains("mood Mood")
                        && introspected.contains("enum Mood {"),
                introspected);
        assertTrue(!introspected.contains("datasource") && !introspected.contains("model Author"), introspected);

        Cli.Run inSync =
                Cli.run(url, "migrate", "diff", "--from", url.toPrismaUrl(), "--to", folder.toString(), "--exit-code");
        assertEquals(0, inSync.exitCode(), "the pulled folder is the database's schema\n" + inSync);
        Map<String, String> before = texts(folder);
        assertEquals(
                0,
                Cli.run(url, "db", "pull", "--schema", folder.toString(), "--url", url.toPrismaUrl())
                        .exitCode());
        assertEquals(before, texts(folder), "a second pull changes nothing");

        TestServer.execute(url, "DROP TABLE \"Tag\"; DROP TYPE \"Mood\"");
        assertEquals(
                0,
                Cli.run(url, "db", "pull", "--schema", folder.toString(), "--url", url.toPrismaUrl())
                        .exitCode());
        assertEquals(
                "",
                Files.readString(folder.resolve("introspected.prisma")),
                "a file whose models are gone is left empty, as Prisma leaves it");
    }

    private static Map<String, String> texts(Path folder) throws Exception {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                texts.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return texts;
    }

    @Test
    void diffBetweenEverySourceKind() throws Exception {
        String createScript = Migrations.createScript(
                PrismaSchema.load(Path.of(schemaFile)).schema().orElseThrow());

        Cli.Run up = Cli.run(url, "migrate", "diff", "--from", "empty", "--to", schemaFile, "--script");
        assertEquals(0, up.exitCode(), up.toString());
        assertEquals(createScript, up.out());

        Cli.Run down = Cli.run(url, "migrate", "diff", "--from", schemaFile, "--to", "empty", "--script");
        assertEquals(0, down.exitCode(), down.toString());
        assertTrue(down.out().contains("-- DropTable\nDROP TABLE \"people\";"), down.out());

        Cli.Run summary = Cli.run(url, "migrate", "diff", "--from", "empty", "--to", schemaFile, "--exit-code");
        assertEquals(2, summary.exitCode(), summary.toString());
        assertTrue(summary.out().contains("CREATE TABLE \"people\""), summary.toString());

        Cli.Run fromDatabase =
                Cli.run(url, "migrate", "diff", "--from", url.toPrismaUrl(), "--to", schemaFile, "--script");
        assertEquals(
                createScript.substring(createScript.indexOf("-- CreateTable")),
                fromDatabase.out(),
                "an empty database has the public schema already");

        Path migrations = project.resolve("migrations");
        assertEquals(
                0,
                Cli.run(
                                url,
                                "migrate",
                                "dev",
                                "--schema",
                                schemaFile,
                                "--migrations",
                                migrations.toString(),
                                "--name",
                                "init")
                        .exitCode());
        Cli.Run fromFolder =
                Cli.run(url, "migrate", "diff", "--from", migrations.toString(), "--to", schemaFile, "--exit-code");
        assertEquals(0, fromFolder.exitCode(), fromFolder.toString());
        assertEquals("No difference.\n", fromFolder.out());
        Cli.Run folderToDatabase = Cli.run(
                url, "migrate", "diff", "--from", migrations.toString(), "--to", url.toPrismaUrl(), "--exit-code");
        assertEquals(0, folderToDatabase.exitCode(), folderToDatabase.toString());

        String next = write(
                "next.prisma", MigrateCommandTest.PERSON.replace("  nick String?\n", "  nick String?\n  age Int?\n"));
        Cli.Run change = Cli.run(url, "migrate", "diff", "--from", url.toPrismaUrl(), "--to", next, "--script");
        assertEquals("-- AlterTable\nALTER TABLE \"people\" ADD COLUMN     \"age\" INTEGER;\n", change.out());

        Cli.Run nonsense = Cli.run(url, "migrate", "diff", "--from", "nothing-here", "--to", "empty");
        assertEquals(1, nonsense.exitCode(), nonsense.toString());
        assertEquals(
                "error: nothing-here is neither empty, a .prisma file, a folder of .prisma files or "
                        + "migrations, "
                        + "nor a postgresql:// URL\n",
                nonsense.err());
    }
}
