package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that leaves Prisma Migrate: its history imported as Flyway files, and a database that
 * Prisma migrated handed over without applying anything twice.
 */
class ImportPrismaTest {

    private static final String INIT =
            "-- CreateTable\nCREATE TABLE \"people\" (\n    \"id\" SERIAL NOT NULL,\n    \"full_name\" "
                    + "TEXT NOT "
                    + "NULL,\n"
                    + "    \"nick\" TEXT,\n\n    CONSTRAINT \"people_pkey\" PRIMARY KEY (\"id\")\n);\n";
    private static final String ADD_AGE = "-- AlterTable\nALTER TABLE \"people\" ADD COLUMN     \"age\" INTEGER;\n";
    /** The table Prisma Migrate keeps its history in, as it creates it. */
    private static final String PRISMA_HISTORY =
            "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) "
                    + "NOT NULL, "
                    + "finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at "
                    + "TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT "
                    + "NULL DEFAULT 0)";

    @TempDir
    Path project;

    private final List<DatabaseUrl> databases = new ArrayList<>();
    private Path prismaMigrations;

    @BeforeEach
    void writePrismaHistory() throws Exception {
        prismaMigrations = project.resolve("prisma/migrations");
        write("20240101120000_init", INIT);
        write("20240201120000_add_age", ADD_AGE);
        Files.writeString(prismaMigrations.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(
                project.resolve("schema.prisma"),
                MigrateCommandTest.DATASOURCE
                        + MigrateCommandTest.PERSON.replace("  nick String?\n", "  nick String?\n  age Int?\n"));
    }

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestServer::dropDatabase);
    }

    private void write(String folder, String sql) throws Exception {
        Files.createDirectories(prismaMigrations.resolve(folder));
        Files.writeString(prismaMigrations.resolve(folder).resolve("migration.sql"), sql);
    }

    /** A database as {@code prisma migrate deploy} leaves it after applying {@code applied}. */
    private DatabaseUrl migratedByPrisma(String... applied) throws Exception {
        DatabaseUrl url = TestServer.createDatabase("prisma_import");
        databases.add(url);
        TestServer.execute(url, PRISMA_HISTORY);
        for (String name : applied) {
            String sql = Files.readString(prismaMigrations.resolve(name).resolve("migration.sql"));
            TestServer.execute(url, sql);
            TestServer.execute(
                    url,
                    "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, "
                            + "applied_steps_count) VALUES ('"
                            + UUID.randomUUID() + "', '" + sha256(sql) + "', now(), '" + name + "', 1)");
        }
        return url;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Cli.Run migrate(DatabaseUrl url, String... args) {
        List<String> all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--schema",
                project.resolve("schema.prisma").toString(),
                "--migrations",
                project.resolve("migrations").toString()));
        return Cli.run(url, all.toArray(String[]::new));
    }

    private Cli.Run importPrisma() {
        return Cli.run(
                TestServer.admin(),
                "migrate",
                "import-prisma",
                "--from",
                prismaMigrations.toString(),
                "--migrations",
                project.resolve("migrations").toString());
    }

    private List<String> flywayFiles() throws Exception {
        try (Stream<Path> files = Files.list(project.resolve("migrations"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void importWritesFlywayFilesWithTheSameSqlOnce() throws Exception {
        Cli.Run imported = importPrisma();
        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals(List.of("V20240101120000__init.sql", "V20240201120000__add_age.sql"), flywayFiles());
        assertEquals(INIT, Files.readString(project.resolve("migrations/V20240101120000__init.sql")));
        assertEquals(ADD_AGE, Files.readString(project.resolve("migrations/V20240201120000__add_age.sql")));

        Cli.Run again = importPrisma();
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(
                again.out()
                        .startsWith("2 migration(s) were already imported with the same SQL.\nImported 0 "
                                + "Prisma migration(s)"),
                again.toString());

        Files.writeString(project.resolve("migrations/V20240201120000__add_age.sql"), ADD_AGE + "-- changed\n");
        Cli.Run conflict = importPrisma();
        assertEquals(1, conflict.exitCode(), conflict.toString());
        assertTrue(
                conflict.err()
                        .contains("already has the version of the Prisma migration 20240201120000_add_age "
                                + "with other SQL; nothing " + "was imported"),
                conflict.toString());

        Files.createDirectories(prismaMigrations.resolve("init"));
        Cli.Run misnamed = importPrisma();
        assertEquals(1, misnamed.exitCode(), misnamed.toString());
        assertTrue(
                misnamed.err().contains("is not named <yyyyMMddHHmmss>_<name> as Prisma names migrations"),
                misnamed.toString());
    }

    @Test
    void aDatabasePrismaMigratedIsBaselinedAndOnlyTheRestIsApplied() throws Exception {
        assertEquals(0, importPrisma().exitCode());
        DatabaseUrl url = migratedByPrisma("20240101120000_init");
        TestServer.execute(url, "INSERT INTO people (full_name) VALUES ('Ada')");

        Cli.Run before = migrate(url, "status");
        assertEquals(1, before.exitCode(), before.toString());
        assertTrue(
                before.out()
                        .contains("Applied (1):\n  V20240101120000 init (applied by Prisma; the next migrate "
                                + "deploy records it in "
                                + "Flyway's history)\n"
                                + "Pending (1):\n  V20240201120000 add age\n"),
                before.toString());

        Cli.Run deploy = migrate(url, "deploy");
        assertEquals(0, deploy.exitCode(), deploy.toString());
        assertTrue(
                deploy.out()
                        .contains("Recorded the 1 migration(s) Prisma applied to " + url.redacted()
                                + " as Flyway's baseline (up to V20240101120000__init.sql).\n"
                                + "Applied 1 migration(s) to "),
                deploy.toString());
        assertEquals(List.of("Ada"), DbCommandTest.column(url, "SELECT full_name FROM people WHERE age IS NULL"));

        Cli.Run again = migrate(url, "deploy");
        assertTrue(again.out().contains("No pending migrations: "), again.toString());
        Cli.Run status = migrate(url, "status");
        assertEquals(0, status.exitCode(), status.toString());
        Cli.Run dev = migrate(url, "dev");
        assertEquals(0, dev.exitCode(), dev.toString());
        assertTrue(dev.out().contains("Already in sync"), dev.toString());
    }

    @Test
    void aHistoryABaselineWouldMisrepresentIsRefused() throws Exception {
        assertEquals(0, importPrisma().exitCode());
        DatabaseUrl failed = migratedByPrisma();
        TestServer.execute(
                failed,
                "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ('x', 'x', "
                        + "'20240101120000_init')");
        Cli.Run unresolved = migrate(failed, "deploy");
        assertEquals(1, unresolved.exitCode(), unresolved.toString());
        assertTrue(
                unresolved
                        .err()
                        .startsWith("error: the Prisma migration 20240101120000_init failed and was never resolved;"),
                unresolved.toString());

        DatabaseUrl gap = migratedByPrisma();
        TestServer.execute(
                gap,
                ADD_AGE.replace("ALTER TABLE \"people\" ADD COLUMN", "CREATE TABLE \"people\" (")
                        .replace(";", ")")
                        .replace("     \"age\"", "\"age\""));
        TestServer.execute(
                gap,
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('y', '"
                        + sha256(ADD_AGE) + "', now(), '20240201120000_add_age')");
        Cli.Run skipped = migrate(gap, "deploy");
        assertEquals(1, skipped.exitCode(), skipped.toString());
        assertTrue(
                skipped.err()
                        .startsWith("error: V20240101120000__init.sql comes before 20240201120000, the last "
                                + "migration Prisma applied, " + "but Prisma never applied it;"),
                skipped.toString());

        DatabaseUrl unknown = migratedByPrisma("20240101120000_init");
        TestServer.execute(
                unknown,
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name) VALUES ('z', "
                        + "'z', "
                        + "now(), '20240301120000_elsewhere')");
        Cli.Run missing = migrate(unknown, "deploy");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(
                missing.err().contains("Prisma applied 20240301120000_elsewhere to the database, but ")
                        && missing.err().contains("migrate import-prisma"),
                missing.toString());
        assertEquals(
                List.of(),
                DbCommandTest.column(
                        unknown,
                        "SELECT table_name FROM information_schema.tables WHERE table_name = "
                                + "'flyway_schema_history'"),
                "a refused baseline writes nothing");
    }
}
