package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db export}: a model's records on stdout, as the API streams them. */
class ExportCommandTest {

    @TempDir
    Path project;

    private DatabaseUrl url;
    private String schemaFile;

    @BeforeEach
    void createDatabase() throws Exception {
        url = TestServer.createDatabase("ExportCommandTest");
        Path file = project.resolve("schema.prisma");
        Files.writeString(file, MigrateCommandTest.DATASOURCE + MigrateCommandTest.PERSON);
        schemaFile = file.toString();
        assertEquals(0, Cli.run(url, "db", "push", "--schema", schemaFile).exitCode());
        TestServer.execute(
                url,
                "INSERT INTO people (full_name, nick) VALUES ('Ada, \"the\" first', ''), ('Grace' || "
                        + "chr(10) || "
                        + "'Hopper', NULL), "
                        + "('Émilie 漢', 'em')");
        TestServer.execute(url, "INSERT INTO people (full_name) SELECT 'p' || i FROM generate_series(4, 5000) i");
    }

    @AfterEach
    void dropDatabase() {
        TestServer.dropDatabase(url);
    }

    @Test
    void exportsNdjsonAndCsvFilteredOrNot() {
        Cli.Run ndjson = Cli.run(
                url, "db", "export", "--schema", schemaFile, "--model", "Person", "--where", "{\"id\":{\"lte\":3}}");
        assertEquals(0, ndjson.exitCode(), ndjson.toString());
        assertEquals(
                "{\"id\" : 1, \"fullName\" : \"Ada, \\\"the\\\" first\", \"nick\" : \"\"}\n"
                        + "{\"id\" : 2, \"fullName\" : \"Grace\\nHopper\", \"nick\" : null}\n"
                        + "{\"id\" : 3, \"fullName\" : \"Émilie 漢\", \"nick\" : \"em\"}\n",
                sorted(ndjson.out()));
        assertTrue(
                ndjson.err().contains("Database: "),
                "what it uses is said beside the records, not among them: " + ndjson);

        Cli.Run csv = Cli.run(
                url,
                "db",
                "export",
                "--schema",
                schemaFile,
                "--model",
                "Person",
                "--format",
                "csv",
                "--where",
                "{\"id\":{\"lte\":3}}");
        assertEquals(0, csv.exitCode(), csv.toString());
        assertTrue(csv.out().startsWith("id,fullName,nick\r\n"), csv.out());
        assertTrue(csv.out().contains("1,\"Ada, \"\"the\"\" first\",\"\"\r\n"), csv.out());
        assertTrue(csv.out().contains("2,\"Grace\nHopper\",\r\n"), csv.out());
        assertTrue(csv.out().contains("3,Émilie 漢,em\r\n"), csv.out());

        Cli.Run all = Cli.run(url, "db", "export", "--schema", schemaFile, "--model", "Person");
        assertEquals(0, all.exitCode());
        assertEquals(5000, all.out().lines().count());

        Cli.Run unknown =
                Cli.run(url, "db", "export", "--schema", schemaFile, "--model", "Person", "--where", "{\"nope\":1}");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("Unknown field 'nope'"), unknown.toString());
        Cli.Run noModel = Cli.run(url, "db", "export", "--schema", schemaFile, "--model", "Nope");
        assertEquals(1, noModel.exitCode(), noModel.toString());
        assertTrue(noModel.err().contains("the schema has no model Nope"), noModel.toString());
    }

    /** The lines by id: findMany without orderBy promises no order. */
    private static String sorted(String lines) {
        return String.join("\n", lines.lines().sorted().toList()) + "\n";
    }
}
