package dev.quarry.migrate;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * What Flyway reads of a {@link MigrationsFolder} that has a Prisma history: every {@code .sql} file of the
 * folder, and each Prisma {@code migration.sql} under the Flyway name of its version, read in place.
 */
final class FolderResources implements ResourceProvider {

    private final List<LoadableResource> resources;

    FolderResources(MigrationsFolder folder) {
        List<LoadableResource> all = new ArrayList<>();
        folder.migrations().stream()
                .filter(file -> !file.path().startsWith(folder.directory()))
                .forEach(file -> all.add(new FileResource(MigrationsFolder.flywayName(file), file.path())));
        if (Files.isDirectory(folder.directory())) {
            try (Stream<Path> files = Files.list(folder.directory())) {
                files.filter(p -> p.getFileName().toString().endsWith(".sql"))
                        .forEach(p -> all.add(new FileResource(p.getFileName().toString(), p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder.directory(), e);
            }
        }
        resources = List.copyOf(all);
    }

    @Override
    public LoadableResource getResource(String name) {
        return resources.stream()
                .filter(r -> r.getRelativePath().equals(name))
                .findFirst()
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return resources.stream()
                .filter(r -> r.getFilename().startsWith(prefix)
                        && Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith))
                .toList();
    }

    /** A file Flyway knows by {@code name}. */
    private static final class FileResource extends LoadableResource {
        private final String name;
        private final Path file;

        FileResource(String name, Path file) {
            this.name = name;
            this.file = file;
        }

        @Override
        public Reader read() {
            try {
                return Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return file.toAbsolutePath().toString();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
