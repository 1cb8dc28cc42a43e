package dev.quarry.schema;

import dev.quarry.schema.diagnostics.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The entry point of the schema stage: text in, {@link SchemaResult} out. */
public final class PrismaSchema {

    private PrismaSchema() {}

    /** Reads a {@code .prisma} file, or every {@code .prisma} file below a folder, and parses them as one schema. */
    public static SchemaResult load(Path fileOrFolder) throws IOException {
        throw new UnsupportedOperationException("schema loading is being written");
    }

    /** Parses, resolves and validates the files as one schema. Never throws on user mistakes. */
    public static SchemaResult parse(List<SourceFile> files) {
        throw new UnsupportedOperationException("schema parsing is being written");
    }

    public static SchemaResult parse(String path, String text) {
        return parse(List.of(new SourceFile(path, text)));
    }
}
