package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PostgreSQL schema of the real-world corpus (shared/corpus/prisma-schemas/real; the parts of
 * a multi-file schema folder are one schema) that the parser accepts gives entities that compile.
 */
class CorpusCompileTest {

    @TempDir
    Path work;

    @Test
    void everyPostgreSqlCorpusSchemaGivesCompilingEntities() throws IOException {
        Optional<Path> corpus = locateCorpus();
        Tools.require(
                corpus.isPresent(),
                () -> "no shared/corpus/prisma-schemas above " + Path.of("").toAbsolutePath());
        List<CorpusSchema> schemas = postgresSchemas(corpus.get());
        Map<String, String> sources = new TreeMap<>();
        Map<String, String> packageOfSchema = new LinkedHashMap<>();
        List<String> rejectedByParser = new ArrayList<>();
        for (CorpusSchema schema : schemas) {
            List<SourceFile> files = new ArrayList<>();
            for (Path file : schema.files()) {
                files.add(
                        new SourceFile(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            SchemaResult result = PrismaSchema.parse(files);
            if (result.hasErrors() || result.schema().isEmpty()) {
                rejectedByParser.add(
                        schema.name() + ": " + result.errors().get(0).message());
                continue;
            }
            String packageName = "corpus.s" + packageOfSchema.size();
            packageOfSchema.put(packageName, schema.name());
            sources.putAll(JavaCompilation.sources(
                    JavaEntityGenerator.generate(result.schema().get(), packageName)));
        }
        List<Diagnostic<? extends JavaFileObject>> errors = JavaCompilation.errors(sources, work);
        List<String> failing = errors.stream()
                .map(d -> packageOfSchema.get("corpus."
                        + work.resolve("src")
                                .relativize(Path.of(d.getSource().toUri()))
                                .getName(1)))
                .distinct()
                .toList();
        System.out.printf(
                "entity generator corpus: %d PostgreSQL schemas, %d accepted by the parser, %d compile (%d "
                        + "files)%n",
                schemas.size(), packageOfSchema.size(), packageOfSchema.size() - failing.size(), sources.size());
        rejectedByParser.forEach(r -> System.out.println("  not parsed: " + r));
        // so the test can never pass by checking nothing: the schemas found, and those the parser accepts (the
        // others are the documentation excerpts Prisma rejects too; SchemaCorpusTest checks their errors)
        assertEquals(
                List.of(61, 57),
                List.of(schemas.size(), packageOfSchema.size()),
                "PostgreSQL schemas, accepted by the parser");
        assertEquals(List.of(), failing, JavaCompilation.describe(errors));
    }

    record CorpusSchema(String name, List<Path> files) {}

    /**
     * The PostgreSQL schemas listed in SOURCES.tsv. Files marked {@code (none in file; schema folder: …)}
     * are parts of one schema folder, joined with the file that holds its datasource.
     */
    static List<CorpusSchema> postgresSchemas(Path corpus) throws IOException {
        Map<String, List<String[]>> byRepository = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("SOURCES.tsv"))) {
            String[] row = line.split("\t", -1);
            if (row[0].startsWith("real/")) {
                byRepository
                        .computeIfAbsent(row[1] + "@" + row[3], k -> new ArrayList<>())
                        .add(row);
            }
        }
        List<CorpusSchema> schemas = new ArrayList<>();
        for (List<String[]> rows : byRepository.values()) {
            List<String[]> parts = rows.stream()
                    .filter(r -> r[5].startsWith("(none in file; schema folder:"))
                    .toList();
            String folder = parts.isEmpty() ? null : commonFolder(parts);
            List<Path> folderFiles = new ArrayList<>();
            boolean folderIsPostgres = !parts.isEmpty() && parts.get(0)[5].contains("postgres");
            for (String[] row : rows) {
                boolean inFolder = folder != null && (parts.contains(row) || folder.startsWith(parent(row[2])));
                if (inFolder) {
                    folderFiles.add(corpus.resolve(row[0]));
                } else if (row[5].startsWith("postgres")) {
                    schemas.add(new CorpusSchema(row[0], List.of(corpus.resolve(row[0]))));
                }
            }
            if (folderIsPostgres) {
                schemas.add(new CorpusSchema(rows.get(0)[1] + "/" + folder, folderFiles));
            }
        }
        return schemas;
    }

    private static String commonFolder(List<String[]> parts) {
        String common = parent(parts.get(0)[2]);
        for (String[] part : parts) {
            while (!parent(part[2]).startsWith(common)) {
                common = parent(common);
            }
        }
        return common;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** shared/corpus/prisma-schemas in the working directory or one of its ancestors. */
    static Optional<Path> locateCorpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/prisma-schemas");
            if (Files.isDirectory(candidate.resolve("real"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
