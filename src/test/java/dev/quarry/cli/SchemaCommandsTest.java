package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} and {@code format}, run as a user runs them: exit codes and what they print. */
class SchemaCommandsTest {

    private static final String VALID = """
            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }

            model User {
              id    Int    @id
              email String @unique
            }
            """;

    @Test
    void validateAcceptsTheExampleSchema() {
        Run run = run("validate", "--schema", "src/main/resources/schema.prisma");
        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.contains("is valid"), run.out);
    }

    @Test
    void validateReportsEveryErrorWithFileLineColumnAndCaret(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("schema.prisma");
        Files.writeString(schema, VALID.replace("email String @unique", "email Strin @unique\n  age   Int @unknown"));
        Run run = run("validate", "--schema", schema.toString());
        assertEquals(1, run.exit);
        assertTrue(run.err.contains("schema.prisma:8:9"), run.err);
        assertTrue(run.err.contains("Strin"), run.err);
        assertTrue(run.err.contains("schema.prisma:9:14"), run.err);
        assertTrue(run.err.contains("^^^^^"), run.err);
        assertTrue(run.err.contains("2 error(s)"), run.err);
        assertTrue(!run.err.contains("Exception"), "no stack trace for a user mistake: " + run.err);
    }

    @Test
    void validateSaysWhenTheSchemaIsMissing(@TempDir Path dir) {
        Run run = run("validate", "--schema", dir.resolve("nope.prisma").toString());
        assertEquals(1, run.exit);
        assertTrue(run.err.contains("does not exist"), run.err);
    }

    @Test
    void formatCheckFailsOnUnformattedAndFormatFixesIt(@TempDir Path dir) throws IOException {
        Path schema = dir.resolve("schema.prisma");
        Files.writeString(schema, VALID.replace("id    Int    @id", "id Int @id"));
        assertEquals(1, run("format", "--schema", schema.toString(), "--check").exit);
        Run format = run("format", "--schema", schema.toString());
        assertEquals(0, format.exit, format.err);
        assertTrue(format.out.contains("Formatted 1 file(s) of the schema at " + schema + "."), format.out);
        assertEquals(VALID, Files.readString(schema));
        assertEquals(0, run("format", "--schema", schema.toString(), "--check").exit);
    }

    @Test
    void unknownOptionsAreRefusedWithUsage() {
        Run run = run("validate", "--frobnicate");
        assertEquals(2, run.exit);
        assertTrue(run.err.contains("Unknown option"), run.err);
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var commandLine = QuarryCommand.commandLine();
            commandLine.setOut(new PrintWriter(System.out, true));
            commandLine.setErr(new PrintWriter(System.err, true));
            int exit = commandLine.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
