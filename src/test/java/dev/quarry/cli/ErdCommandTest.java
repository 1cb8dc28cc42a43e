package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarry erd}: the SVG to a file, Mermaid to stdout with what it used on stderr, a wrong format refused with
 * the choices.
 */
class ErdCommandTest {

    private static final String SCHEMA = "src/main/resources/schema.prisma";

    @Test
    void writesTheSvgToAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/diagram.svg");
        Run run = run("erd", "--schema", SCHEMA, "--out", out.toString());
        assertEquals(0, run.exit, run.err);
        assertTrue(
                run.out.contains("Schema: " + SCHEMA)
                        && run.out.contains("Wrote the svg diagram of 2 model(s) to " + out),
                run.out);
        assertEquals(Files.readString(Path.of("openapi/schema-diagram.svg")), Files.readString(out));
    }

    @Test
    void writesMermaidToStdoutAndSaysWhatItUsedOnStderr() {
        Run run = run("erd", "--schema", SCHEMA, "--format", "mermaid");
        assertEquals(0, run.exit, run.err);
        assertTrue(run.out.startsWith("erDiagram\n"), run.out);
        assertTrue(run.out.contains("\"User\" ||--o{ \"Post\" : \"posts / author\""), run.out);
        assertTrue(run.err.contains("Schema: " + SCHEMA), run.err);
    }

    @Test
    void refusesAnUnknownFormatAndAnInvalidSchema(@TempDir Path dir) throws Exception {
        Run format = run("erd", "--schema", SCHEMA, "--format", "png");
        assertEquals(2, format.exit);
        assertTrue(format.err.contains("svg, mermaid"), format.err);
        Path broken = dir.resolve("schema.prisma");
        Files.writeString(broken, "model User {\n  id Int @id\n  name Strin\n}\n");
        Run invalid = run("erd", "--schema", broken.toString());
        assertEquals(1, invalid.exit);
        assertTrue(invalid.err.contains("error(s)"), invalid.err);
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
