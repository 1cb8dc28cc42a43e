package dev.quarry.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Prisma Migrate history: {@code prisma/migrations/<yyyyMMddHHmmss>_<name>/migration.sql}, the
 * folders applied in name order. Each becomes the Flyway migration {@code V<yyyyMMddHHmmss>__<name>.sql}
 * with the same text, so the version is the folder's timestamp and the order is kept.
 */
public record PrismaMigrationsFolder(Path directory) {

    private static final Pattern FOLDER = Pattern.compile("([0-9]{14})_(.+)");

    /**
     * One Prisma migration: its folder name (Prisma's {@code migration_name}), the Flyway version and name it
     * becomes.
     */
    public record PrismaMigration(String migrationName, String version, String name, Path sqlFile) {
        public String sql() {
            try {
                return Files.readString(sqlFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + sqlFile, e);
            }
        }
    }

    /** The migrations, oldest first; a folder Prisma would not have written is refused. */
    public List<PrismaMigration> migrations() {
        if (!Files.isDirectory(directory)) {
            throw new MigrateException(
                    directory + " is not a folder; pass the Prisma migrations folder (usually prisma/migrations)");
        }
        List<PrismaMigration> migrations = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path folder : entries.filter(Files::isDirectory).sorted().toList()) {
                String migrationName = folder.getFileName().toString();
                Matcher m = FOLDER.matcher(migrationName);
                if (!m.matches()) {
                    throw new MigrateException("the folder " + folder
                            + " is not named <yyyyMMddHHmmss>_<name> as Prisma names migrations; rename it or move "
                            + "it out");
                }
                Path sql = folder.resolve("migration.sql");
                if (!Files.isRegularFile(sql)) {
                    throw new MigrateException("the Prisma migration " + folder + " has no migration.sql");
                }
                migrations.add(new PrismaMigration(migrationName, m.group(1), MigrationsFolder.slug(m.group(2)), sql));
            }
        } catch (IOException e) {
            throw new MigrateException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (migrations.isEmpty()) {
            throw new MigrateException(
                    directory + " holds no Prisma migration (no <yyyyMMddHHmmss>_<name>/migration.sql)");
        }
        return migrations;
    }

    /** What an import did: the files written, and those already there with the same text. */
    public record ImportResult(List<Path> written, List<Path> unchanged) {}

    /**
     * Writes each migration into the Flyway folder. A version already there with other text is
     * refused before anything is written, since Flyway would see two histories.
     */
    public ImportResult importInto(MigrationsFolder target) {
        List<PrismaMigration> migrations = migrations();
        List<PrismaMigration> toWrite = new ArrayList<>();
        List<Path> unchanged = new ArrayList<>();
        for (PrismaMigration migration : migrations) {
            Optional<MigrationsFolder.MigrationFile> existing = target.migrations().stream()
                    .filter(f -> MigrationsFolder.compareVersions(f.version(), migration.version()) == 0)
                    .findFirst();
            if (existing.isEmpty()) {
                toWrite.add(migration);
            } else if (existing.get().sql().equals(migration.sql())) {
                unchanged.add(existing.get().path());
            } else {
                throw new MigrateException(existing.get().path() + " already has the version of the Prisma migration "
                        + migration.migrationName() + " with other SQL; nothing was imported");
            }
        }
        List<Path> written = toWrite.stream()
                .map(m -> target.write(m.version(), m.name(), m.sql(), Optional.empty()))
                .toList();
        return new ImportResult(written, unchanged);
    }
}
