package dev.quarry.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared conformance corpus, found by walking up from the working directory to {@code
 * shared/corpus/prisma-schemas}.
 */
final class Corpus {

    private Corpus() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/corpus/prisma-schemas");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/corpus/prisma-schemas not found above " + dir);
    }

    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".prisma")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
