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

/**
 * {@code db import} and {@code db seed} of NDJSON and CSV: what {@code db export} writes imports back, all or none.
 */
class ImportCommandTest {

    @TempDir
    Path project;

    private DatabaseUrl url;
    private String schemaFile;

    @BeforeEach
    void createDatabase() throws Exception {
        url = TestServer.createDatabase("ImportCommandTest");
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
        TestServer.execute(url, "INSERT INTO people (full_name) SELECT 'p' || i FROM generate_series(4, 3000) i");
    }

    @AfterEach
    void dropDatabase() {
        TestServer.dropDatabase(url);
    }

    @Test
    void anExportImportsBackAsNdjsonAndCsv() throws Exception {
        String before = export("ndjson");
        for (String format : new String[] {"ndjson", "csv"}) {
            Path file = project.resolve("people." + format);
            Files.writeString(file, export(format));
            TestServer.execute(url, "TRUNCATE people");
            Cli.Run imported =
                    Cli.run(url, "db", "import", "--schema", schemaFile, "--model", "Person", file.toString());
            assertEquals(0, imported.exitCode(), imported.toString());
            assertTrue(imported.out().contains("Imported 3000 records into Person"), imported.toString());
            assertEquals(before, export("ndjson"), format + ": the same records, NULL and empty string apart");
        }
    }

    @Test
    void aBadLineImportsNothingAndSeedTakesNdjsonAndCsv() throws Exception {
        TestServer.execute(url, "TRUNCATE people");
        Path bad = project.resolve("bad.ndjson");
        Files.writeString(bad, "{\"id\": 1, \"fullName\": \"a\"}\n{\"id\": 2, \"fullName\": 7}\n");
        Cli.Run refused = Cli.run(url, "db", "import", "--schema", schemaFile, "--model", "Person", bad.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("line 2"), refused.toString());
        assertEquals("", export("ndjson"));

        Path unknownFormat = project.resolve("people.txt");
        Files.writeString(unknownFormat, "x");
        Cli.Run noFormat =
                Cli.run(url, "db", "import", "--schema", schemaFile, "--model", "Person", unknownFormat.toString());
        assertEquals(1, noFormat.exitCode(), noFormat.toString());
        assertTrue(noFormat.err().contains("--format"), noFormat.toString());

        Path seed = project.resolve("person.csv");
        Files.writeString(seed, "id,fullName,nick\r\n1,Ada,\r\n2,\"Grace, H\",\"\"\r\n");
        Cli.Run seeded = Cli.run(url, "db", "seed", "--schema", schemaFile, "--file", seed.toString());
        assertEquals(0, seeded.exitCode(), seeded.toString());
        assertTrue(seeded.out().contains("2 records"), seeded.toString());
        assertEquals(
                "{\"id\" : 1, \"fullName\" : \"Ada\", \"nick\" : null}\n{\"id\" : 2, \"fullName\" : "
                        + "\"Grace, H\", "
                        + "\"nick\" : \"\"}\n",
                export("ndjson"));
    }

    private String export(String format) {
        Cli.Run run = Cli.run(url, "db", "export", "--schema", schemaFile, "--model", "Person", "--format", format);
        assertEquals(0, run.exitCode(), run.toString());
        if (format.equals("csv")) {
            return run.out();
        }
        return run.out()
                .lines()
                .sorted((a, b) -> Integer.compare(id(a), id(b)))
                .map(l -> l + "\n")
                .reduce("", String::concat);
    }

    private static int id(String line) {
        return Integer.parseInt(line.replaceAll("^\\{\"id\" : (\\d+),.*$", "$1"));
    }
}
