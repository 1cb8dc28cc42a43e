package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {

    @TempDir
    Path sourceRoot;

    @Test
    void theSameSchemaGivesByteIdenticalFilesMarkedAsGenerated() throws IOException {
        var schema = GeneratedSourcesUpToDateTest.load(Path.of("src/test/resources/generate/rich.prisma"));
        List<GeneratedFile> first = JavaEntityGenerator.generate(schema, "x.y");
        List<GeneratedFile> second = JavaEntityGenerator.generate(
                GeneratedSourcesUpToDateTest.load(Path.of("src/test/resources/generate/rich.prisma")), "x.y");
        assertEquals(first, second);
        for (GeneratedFile file : first) {
            assertTrue(file.content().startsWith("// " + JavaEntityGenerator.HEADER + "\n"), file.relativePath());
            assertTrue(
                    file.content().contains("@Generated(\"dev.quarry.generate.JavaEntityGenerator\")"),
                    file.relativePath());
        }
    }

    @Test
    void writeRewritesOnlyChangesAndDeletesOnlyItsOwnLeftovers() throws IOException {
        var schema = GeneratedSourcesUpToDateTest.load(Path.of("src/test/resources/generate/rich.prisma"));
        Path directory = sourceRoot.resolve("x/y");
        Files.createDirectories(directory);
        Path handWritten = Files.writeString(
                directory.resolve("Helper.java"), "package x.y; class Helper {}", StandardCharsets.UTF_8);
        Path leftover = Files.writeString(
                directory.resolve("Gone.java"), "// " + JavaEntityGenerator.HEADER + "\npackage x.y; class Gone {}");

        var firstRun = JavaEntityGenerator.write(schema, sourceRoot, "x.y");
        assertEquals(9, firstRun.written().size());
        assertEquals(List.of(leftover), firstRun.deleted());
        assertTrue(Files.exists(handWritten), "a hand-written file in the package is never touched");

        var secondRun = JavaEntityGenerator.write(schema, sourceRoot, "x.y");
        assertEquals(List.of(), secondRun.written());
        assertEquals(List.of(), secondRun.deleted());
    }

    @Test
    void aBadPackageNameIsRefusedWithAReason() throws IOException {
        var schema = GeneratedSourcesUpToDateTest.load(Path.of("src/main/resources/schema.prisma"));
        var error = assertThrows(
                IllegalArgumentException.class, () -> JavaEntityGenerator.generate(schema, "com.example.class"));
        assertTrue(error.getMessage().contains("not a Java package name"), error.getMessage());
    }
}
