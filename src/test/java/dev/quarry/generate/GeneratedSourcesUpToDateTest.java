package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed generated sources are exactly what the generator writes for the committed schemas. */
class GeneratedSourcesUpToDateTest {

    @Test
    void theBlogEntitiesMatchTheSchema() throws IOException {
        assertUpToDate(
                Path.of("src/main/resources/schema.prisma"),
                Path.of("src/main/java"),
                JavaEntityGenerator.DEFAULT_PACKAGE,
                "./quarry generate");
    }

    @Test
    void theRichTestEntitiesMatchTheirSchema() throws IOException {
        assertUpToDate(
                Path.of("src/test/resources/generate/rich.prisma"),
                Path.of("src/test/java"),
                "dev.quarry.generate.rich",
                "./quarry generate --schema src/test/resources/generate/rich.prisma --output "
                        + "target/openapi-rich --java-output src/test/java --java-package dev.quarry.generate.rich");
    }

    static Schema load(Path schemaFile) throws IOException {
        SchemaResult result = PrismaSchema.load(schemaFile);
        assertTrue(result.schema().isPresent() && !result.hasErrors(), schemaFile + " is invalid: " + result.errors());
        return result.schema().get();
    }

    private static void assertUpToDate(Path schemaFile, Path sourceRoot, String packageName, String command)
            throws IOException {
        List<GeneratedFile> expected = JavaEntityGenerator.generate(load(schemaFile), packageName);
        List<String> stale = new ArrayList<>();
        for (GeneratedFile file : expected) {
            Path path = sourceRoot.resolve(file.relativePath());
            if (!Files.isRegularFile(path)
                    || !Files.readString(path, StandardCharsets.UTF_8).equals(file.content())) {
                stale.add(path + (Files.exists(path) ? " differs" : " is missing"));
            }
        }
        List<Path> expectedPaths =
                expected.stream().map(f -> sourceRoot.resolve(f.relativePath())).toList();
        try (Stream<Path> present = Files.list(sourceRoot.resolve(packageName.replace('.', '/')))) {
            present.filter(p -> !expectedPaths.contains(p))
                    .forEach(p -> stale.add(p + " is left over from an older schema"));
        }
        assertEquals(List.of(), stale, "the generated Java sources are stale for " + schemaFile + "; run " + command);
    }
}
