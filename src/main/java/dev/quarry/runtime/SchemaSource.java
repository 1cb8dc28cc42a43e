package dev.quarry.runtime;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the schema comes from: a file or folder path, or {@code classpath:NAME} inside the packaged service. */
public final class SchemaSource {

    public static final String CLASSPATH_DEFAULT = "classpath:schema.prisma";
    /** The schema's place in a Quarry project, as DESIGN.md fixes it. */
    public static final String PROJECT_DEFAULT = "src/main/resources/schema.prisma";

    private SchemaSource() {}

    public static SchemaResult load(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String name = location.substring("classpath:".length());
                try (InputStream in =
                        Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new UncheckedIOException(new IOException("no schema " + name + " on the classpath"));
                    }
                    return PrismaSchema.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            Path path = Path.of(location);
            if (!Files.exists(path)) {
                throw new UncheckedIOException(new IOException("the schema " + path + " does not exist"));
            }
            return PrismaSchema.load(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schema " + location + ": " + e.getMessage(), e);
        }
    }
}
