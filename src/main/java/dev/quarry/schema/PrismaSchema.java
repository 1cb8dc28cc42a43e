package dev.quarry.schema;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SourceFile;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.Resolver;
import dev.quarry.schema.syntax.Parser;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The entry point of the schema stage: text in, {@link SchemaResult} out. */
public final class PrismaSchema {

    private PrismaSchema() {}

    /**
     * Reads a {@code .prisma} file, or every {@code .prisma} file below a folder, and parses them as one schema.
     */
    public static SchemaResult load(Path fileOrFolder) throws IOException {
        return parse(files(fileOrFolder));
    }

    /** The file, or every {@code .prisma} file below the folder in path order, each named by its path. */
    public static List<SourceFile> files(Path fileOrFolder) throws IOException {
        List<Path> paths;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> walk = Files.walk(fileOrFolder)) {
                paths = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".prisma"))
                        .sorted()
                        .toList();
            }
        } else {
            paths = List.of(fileOrFolder);
        }
        List<SourceFile> files = new ArrayList<>();
        for (Path path : paths) {
            files.add(new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
        }
        return files;
    }

    /** Parses, resolves and validates the files as one schema. Never throws on user mistakes. */
    public static SchemaResult parse(List<SourceFile> files) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SchemaAst> asts = new ArrayList<>();
        for (SourceFile file : files) {
            asts.add(Parser.parse(file, diagnostics));
        }
        Optional<Resolver.Resolved> resolved = Resolver.resolveWithSources(asts, diagnostics);
        resolved.ifPresent(r -> Validator.validate(r.schema(), r.sources(), diagnostics));
        Optional<Schema> schema = resolved.map(Resolver.Resolved::schema);
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new SchemaResult(failed ? Optional.empty() : schema, diagnostics);
    }

    public static SchemaResult parse(String path, String text) {
        return parse(List.of(new SourceFile(path, text)));
    }
}
