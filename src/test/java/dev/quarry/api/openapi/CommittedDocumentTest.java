package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.cli.GenerateCommand;
import dev.quarry.generate.GeneratedFile;
import dev.quarry.generate.typescript.TypeScriptClientGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The committed documents are what the schemas give today; drift fails with the command that fixes it. */
class CommittedDocumentTest {

    private static final String FIX = " is out of date with the schema: run ./quarry generate";

    @Test
    void blogDocumentIsUpToDate() {
        var schema = Documents.load(Documents.BLOG_SCHEMA);
        assertEquals(OpenApiDocument.yaml(schema), Documents.read(Documents.BLOG_YAML), Documents.BLOG_YAML + FIX);
        assertEquals(OpenApiDocument.json(schema), Documents.read(Documents.BLOG_JSON), Documents.BLOG_JSON + FIX);
    }

    @Test
    void typeScriptClientIsUpToDate() {
        for (GeneratedFile file : TypeScriptClientGenerator.generate(Documents.load(Documents.BLOG_SCHEMA))) {
            Path committed = Documents.TYPESCRIPT_CLIENT.resolve(file.relativePath());
            assertEquals(file.content(), Documents.read(committed), committed + FIX);
        }
    }

    @Test
    void richDocumentIsUpToDate() {
        assertEquals(
                OpenApiDocument.yaml(Documents.load(Documents.RICH_SCHEMA)),
                Documents.read(Documents.RICH_YAML),
                Documents.RICH_YAML + FIX + " --schema " + Documents.RICH_SCHEMA
                        + " --output <dir> and copy openapi.yaml there");
    }

    @Test
    void generateWritesBothFiles(@TempDir Path output) {
        int exit = new CommandLine(new GenerateCommand())
                .execute(
                        "--schema",
                        Documents.BLOG_SCHEMA.toString(),
                        "--output",
                        output.toString(),
                        "--java-output",
                        output.resolve("java").toString());
        assertEquals(0, exit);
        assertEquals(Documents.read(Documents.BLOG_YAML), Documents.read(output.resolve("openapi.yaml")));
        assertEquals(Documents.read(Documents.BLOG_JSON), Documents.read(output.resolve("openapi.json")));
        for (String file : List.of("index.js", "index.d.ts", "package.json")) {
            assertEquals(
                    Documents.read(Documents.TYPESCRIPT_CLIENT.resolve(file)),
                    Documents.read(output.resolve("clients/typescript").resolve(file)),
                    file);
        }
    }

    @Test
    void generateRefusesASchemaWithErrors(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("schema.prisma");
        Files.writeString(broken, "model User {\n  id Strin @id\n}\n");
        CommandLine command = new CommandLine(new GenerateCommand());
        command.setExecutionExceptionHandler((e, cl, parsed) -> 1);
        assertEquals(
                1,
                command.execute(
                        "--schema",
                        broken.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--java-output",
                        dir.resolve("java").toString()));
        assertEquals(false, Files.exists(dir.resolve("out/openapi.yaml")));
    }
}
