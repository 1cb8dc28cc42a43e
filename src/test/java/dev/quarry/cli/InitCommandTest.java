package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InitCommandTest {

    @TempDir
    Path project;

    private Cli.Run init(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // Until the lead registers it on QuarryCommand, the command runs on its own, with the same error handling.
        CommandLine commandLine = new CommandLine(new InitCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Cli.Run(commandLine.execute(args), out.toString(), err.toString());
    }

    @Test
    void writesAValidStarterAndRefusesToOverwrite() throws Exception {
        Cli.Run first = init("--dir", project.toString(), "--url", "postgresql://app:s3cret@db.example:5433/shop");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(
                first.out().contains("postgresql://app:****@db.example:5433/shop"),
                "the password is not printed: " + first.out());
        assertTrue(!first.out().contains("s3cret"), first.out());
        Path schema = project.resolve("src/main/resources/schema.prisma");
        SchemaResult parsed = PrismaSchema.load(schema);
        assertTrue(!parsed.hasErrors(), parsed.errors().toString());
        assertTrue(Files.readString(project.resolve(".env"))
                .contains("DATABASE_URL=\"postgresql://app:s3cret@db.example:5433/shop?schema=public\"\n"));

        Files.writeString(schema, "// mine\n");
        Cli.Run refused = init("--dir", project.toString());
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err()
                        .startsWith("error: " + schema + " and " + project.resolve(".env")
                                + " already exist(s); pass --force to overwrite"),
                refused.toString());
        assertEquals("// mine\n", Files.readString(schema));

        Cli.Run forced = init("--dir", project.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(Files.readString(project.resolve(".env")).contains(InitCommand.DEFAULT_URL));

        Cli.Run badUrl = init("--dir", project.resolve("other").toString(), "--url", "mysql://x");
        assertEquals(1, badUrl.exitCode(), badUrl.toString());
        assertTrue(badUrl.err().startsWith("error: ") && !badUrl.err().contains("\tat "), badUrl.toString());
    }
}
