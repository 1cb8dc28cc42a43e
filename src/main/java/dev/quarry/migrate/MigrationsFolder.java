package dev.quarry.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations folder in Flyway's naming: {@code V<yyyyMMddHHmmss>__<name>.sql} applies a
 * migration, {@code U<version>__<name>.sql} beside it undoes it (Flyway's undo naming). Either a
 * folder of the file system, or the migrations packaged with the service ({@link #packaged()}),
 * which the service itself reads. In a Prisma project, Prisma Migrate's history is read in place
 * before the folder's own files ({@link #prismaHistory}), each migration as the Flyway version of
 * its timestamp, as {@code import-prisma} would have written it.
 *
 * @param flywayLocation where Flyway finds the same files: {@code filesystem:…} or {@code classpath:…}
 * @param prismaHistory Prisma's {@code migrations} folder, when the project keeps one
 */
public record MigrationsFolder(Path directory, String flywayLocation, Optional<PrismaMigrationsFolder> prismaHistory) {

    public static final Path PROJECT_DEFAULT = Path.of("src/main/resources/db/migration");
    /** Where the build packages the project's migrations, and where the service reads them. */
    public static final String PACKAGED = "db/migration";

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__(.+)\\.sql");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A folder of the file system. */
    public MigrationsFolder(Path directory) {
        this(directory, Optional.empty());
    }

    /** A folder of the file system, after Prisma's history when there is one. */
    public MigrationsFolder(Path directory, Optional<PrismaMigrationsFolder> prismaHistory) {
        this(directory, "filesystem:" + directory.toAbsolutePath(), prismaHistory);
    }

    /**
     * The migrations packaged with the service ({@code classpath:db/migration}, inside the jar or a
     * classes folder), read in place; empty when none are packaged.
     */
    public static Optional<MigrationsFolder> packaged() {
        URL url = Thread.currentThread().getContextClassLoader().getResource(PACKAGED);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = url.toURI();
            Path directory;
            if ("jar".equals(uri.getScheme())) {
                String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
                FileSystem zip = openZip(URI.create(jar));
                directory = zip.getPath(PACKAGED);
            } else {
                directory = Path.of(uri);
            }
            return Optional.of(new MigrationsFolder(directory, "classpath:" + PACKAGED, Optional.empty()));
        } catch (URISyntaxException | IOException | FileSystemNotFoundException | IllegalArgumentException e) {
            throw new MigrateException("cannot read the packaged migrations at " + url + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem openZip(URI jar) throws IOException {
        try {
            return FileSystems.newFileSystem(jar, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(jar);
        }
    }

    /** Whether these are the migrations packaged with the service. */
    public boolean isPackaged() {
        return flywayLocation.startsWith("classpath:");
    }

    /** The folder as messages name it. */
    public String describe() {
        if (isPackaged()) {
            return "the migrations packaged with Quarry (" + flywayLocation + ")";
        }
        return prismaHistory
                .map(history -> directory + " after Prisma's history in " + history.directory())
                .orElse(directory.toString());
    }

    /** One migration file. */
    public record MigrationFile(String version, String name, Path path) {
        public String sql() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }

    /**
     * The versioned migrations, oldest first: Prisma's history (a version the folder also has is the folder's),
     * then the folder's.
     */
    public List<MigrationFile> migrations() {
        List<MigrationFile> own = ownMigrations();
        Stream<MigrationFile> history = prismaHistory.stream()
                .flatMap(h -> h.migrations().stream())
                .map(m -> new MigrationFile(m.version(), m.name(), m.sqlFile()))
                .filter(m -> own.stream().noneMatch(f -> compareVersions(f.version(), m.version()) == 0));
        return Stream.concat(history, own.stream())
                .sorted(Comparator.comparing(MigrationFile::version, MigrationsFolder::compareVersions))
                .toList();
    }

    private List<MigrationFile> ownMigrations() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> {
                        Matcher m = VERSIONED.matcher(p.getFileName().toString());
                        return m.matches() ? new MigrationFile(m.group(1), m.group(2), p) : null;
                    })
                    .filter(f -> f != null)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The file name Flyway knows a migration by: {@code V<version>__<name>.sql}. */
    public static String flywayName(MigrationFile file) {
        return "V" + file.version() + "__" + file.name() + ".sql";
    }

    /** Flyway's order: dot- or underscore-separated numbers, compared part by part. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("[._]");
        String[] right = b.split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length ? new BigInteger(right[i]) : BigInteger.ZERO;
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** A version for a new migration: now, or one second after the latest one if that is not later. */
    public String nextVersion(LocalDateTime now) {
        String candidate = now.format(VERSION);
        Optional<String> latest =
                migrations().stream().map(MigrationFile::version).reduce((a, b) -> b);
        if (latest.isPresent() && latest.get().length() == 14 && latest.get().compareTo(candidate) >= 0) {
            candidate =
                    LocalDateTime.parse(latest.get(), VERSION).plusSeconds(1).format(VERSION);
        }
        return candidate;
    }

    /** Writes {@code V<version>__<name>.sql} and its undo script; returns the migration's path. */
    public Path write(String version, String name, String sql, Optional<String> undoSql) {
        String slug = slug(name);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("V" + version + "__" + slug + ".sql");
            Files.writeString(file, sql, StandardCharsets.UTF_8);
            if (undoSql.isPresent()) {
                Files.writeString(
                        directory.resolve("U" + version + "__" + slug + ".sql"), undoSql.get(), StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + directory, e);
        }
    }

    /** {@code "Add posts!"} → {@code add_posts}: what Flyway accepts in a description. */
    static String slug(String name) {
        String slug = name.trim().toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "migration" : slug;
    }
}
