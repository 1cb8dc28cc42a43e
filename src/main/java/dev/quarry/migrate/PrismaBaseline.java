package dev.quarry.migrate;

import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.runtime.DatabaseUrl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A database that Prisma Migrate migrated, handed over to Flyway. Prisma records its history in
 * {@code _prisma_migrations}; once its migrations are imported as {@code V<timestamp>__<name>.sql},
 * Flyway's history is baselined at the last one Prisma applied, so {@code migrate deploy} applies
 * only what came after. The plan reads the database and changes nothing; it refuses a history
 * that a baseline would misrepresent (a failed migration, an applied one missing from the
 * folder, or a gap).
 */
public final class PrismaBaseline {

    static final String PRISMA_HISTORY = "_prisma_migrations";

    private PrismaBaseline() {}

    /**
     * The baseline to record: the last migration Prisma applied, and the checksum warnings.
     *
     * @param covered the migrations of the folder that Prisma applied, oldest first
     */
    public record Plan(
            MigrationsFolder.MigrationFile last, List<MigrationsFolder.MigrationFile> covered, List<String> warnings) {
        public String version() {
            return last.version();
        }

        public String description() {
            return "Prisma history up to " + last.version() + "_" + last.name();
        }
    }

    /** A row of {@code _prisma_migrations}. */
    record PrismaRow(String migrationName, String checksum, boolean finished, boolean rolledBack) {}

    /** Empty when the database has no Prisma history, or Flyway already keeps it. */
    public static Optional<Plan> plan(Connection connection, String schema, MigrationsFolder folder)
            throws SQLException {
        if (!tableExists(connection, schema, PRISMA_HISTORY) || hasRows(connection, schema, "flyway_schema_history")) {
            return Optional.empty();
        }
        List<PrismaRow> rows = readHistory(connection, schema);
        for (PrismaRow row : rows) {
            if (!row.finished()
                    && !row.rolledBack()
                    && rows.stream()
                            .noneMatch(r ->
                                    r.migrationName().equals(row.migrationName()) && r.finished() && !r.rolledBack())) {
                throw new MigrateException(
                        "the Prisma migration " + row.migrationName() + " failed and was never resolved; "
                                + "fix the database, then mark it with `prisma migrate resolve --applied` or "
                                + "`--rolled-back` before handing the history to Quarry");
            }
        }
        Set<String> applied = new LinkedHashSet<>();
        rows.stream().filter(r -> r.finished() && !r.rolledBack()).forEach(r -> applied.add(r.migrationName()));
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        List<MigrationsFolder.MigrationFile> files = folder.migrations();
        List<MigrationsFolder.MigrationFile> covered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String lastVersion = "0";
        for (String name : applied) {
            String version = name.length() >= 14 ? name.substring(0, 14) : name;
            MigrationsFolder.MigrationFile file = files.stream()
                    .filter(f -> f.version().equals(version))
                    .findFirst()
                    .orElseThrow(() ->
                            new MigrateException("Prisma applied " + name + " to the database, but " + folder.describe()
                                    + " has no V" + version
                                    + "__*.sql; import the Prisma history first (migrate import-prisma --from "
                                    + "prisma/migrations)"));
            covered.add(file);
            String checksum = rows.stream()
                    .filter(r -> r.migrationName().equals(name) && r.finished())
                    .map(PrismaRow::checksum)
                    .reduce((a, b) -> b)
                    .orElse("");
            if (!checksum.equalsIgnoreCase(sha256(file.sql()))) {
                warnings.add(file.path().getFileName() + " differs from the " + name
                        + " that Prisma applied (its checksum changed)");
            }
            if (MigrationsFolder.compareVersions(version, lastVersion) > 0) {
                lastVersion = version;
            }
        }
        String last = lastVersion;
        for (MigrationsFolder.MigrationFile file : files) {
            if (MigrationsFolder.compareVersions(file.version(), last) <= 0 && !covered.contains(file)) {
                throw new MigrateException(file.path().getFileName() + " comes before " + last
                        + ", the last migration Prisma applied, but Prisma never applied it; "
                        + "apply it by hand or remove it before handing the history to Quarry");
            }
        }
        MigrationsFolder.MigrationFile lastFile =
                files.stream().filter(f -> f.version().equals(last)).findFirst().orElseThrow();
        covered.sort((a, b) -> MigrationsFolder.compareVersions(a.version(), b.version()));
        return Optional.of(new Plan(lastFile, covered, warnings));
    }

    /** Prisma's checksum of a migration: the SHA-256 of its text, in hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static List<PrismaRow> readHistory(Connection connection, String schema) throws SQLException {
        String sql = "SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NOT NULL FROM "
                + quote(schema) + "." + quote(PRISMA_HISTORY) + " ORDER BY started_at, migration_name";
        List<PrismaRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new PrismaRow(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)));
            }
        }
        return rows;
    }

    static boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, quote(schema) + "." + quote(table));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static boolean hasRows(Connection connection, String schema, String table) throws SQLException {
        if (!tableExists(connection, schema, table)) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT EXISTS (SELECT FROM " + quote(schema) + "." + quote(table) + ")");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Reads the plan from the database at {@code url}. */
    public static Optional<Plan> plan(DatabaseUrl url, MigrationsFolder folder) {
        try (Connection connection = DatabaseConnector.open(url)) {
            return plan(connection, url.schema(), folder);
        } catch (SQLException e) {
            throw DatabaseConnector.explain(url, e);
        }
    }
}
