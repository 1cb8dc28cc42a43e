package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Catalog identity with Prisma Migrate: for every valid single-schema PostgreSQL schema of the
 * corpus, Prisma 7's from-empty SQL (the npm package {@code @prisma/schema-engine-wasm}, installed
 * under target/) applied to one database and Quarry's applied to another give the same catalogs
 * (every table, column, type, default, key, index and enum as pg_catalog describes them). Skipped,
 * with the reason, when node or the npm package is not available.
 */
class PrismaCatalogIdentityTest {

    /**
     * Regression floor: raise it when the figure goes up. On a server whose template database has no
     * extension, 9 of Prisma's own scripts do not apply (vector, postgis, geography, a uuid-ossp
     * version that does not exist, and citext / gin_trgm_ops used without declaring the extension),
     * so 79 are compared; 78 give identical catalogs.
     */
    private static final int MIN_IDENTICAL_CATALOGS = 78;

    @Test
    void quarryAndPrismaMigrationsGiveTheSameCatalogs() throws Exception {
        Tools.require(run(List.of("node", "--version"), Path.of("."), 20), () -> "node is not available");
        Path oracle = Path.of("target", "prisma-oracle").toAbsolutePath();
        Path peer = CorpusRoundTripTest.corpus().getParent().getParent().resolve("bench/peers/prisma");
        Tools.require(Files.isRegularFile(peer.resolve("package-lock.json")), () -> "the Prisma peer (bench/peers/prisma) is not there");
        Files.createDirectories(oracle);
        if (!Files.isDirectory(oracle.resolve("node_modules/@prisma/schema-engine-wasm"))) {
            Files.copy(peer.resolve("package.json"), oracle.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(peer.resolve("package-lock.json"), oracle.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
            Tools.require(run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), oracle, 600), () -> "npm ci of the Prisma peer's packages failed (offline?)");
        }
        try (InputStream script = getClass().getResourceAsStream("/prisma-oracle/se-batch.mjs")) {
            Files.copy(script, oracle.resolve("se-batch.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }

        Path inputs = Files.createTempDirectory("quarry-prisma-identity");
        List<Path> schemaFiles = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        for (Path file : CorpusRoundTripTest.postgresSchemas()) {
            Optional<Schema> schema = CorpusRoundTripTest.parse(file);
            if (schema.isEmpty() || !schema.get().datasource().map(ds -> ds.schemas().isEmpty()).orElse(true)) {
                continue;
            }
            // Prisma 7 reads connection URLs from prisma.config.ts, not from the schema.
            String text = Files.readString(file).replaceAll("(?m)^\\s*(url|directUrl|shadowDatabaseUrl)\\s*=.*$", "");
            Path copy = inputs.resolve(schemaFiles.size() + ".prisma");
            Files.writeString(copy, text);
            schemaFiles.add(copy);
            schemas.add(schema.get());
        }
        Path list = inputs.resolve("list.txt");
        Files.write(list, schemaFiles.stream().map(Path::toString).toList());
        DatabaseUrl prismaDb = TestServer.createDatabase("prisma_identity_p");
        DatabaseUrl quarryDb = TestServer.createDatabase("prisma_identity_q");
        try {
            // never inheritIO: the test JVM's stdin and stdout are surefire's channel to it
            ProcessBuilder node = new ProcessBuilder("node", "se-batch.mjs", list.toString(), inputs.toString()).directory(oracle.toFile())
                    .redirectErrorStream(true).redirectOutput(inputs.resolve("se-batch.log").toFile());
            node.environment().put("DATABASE_URL", prismaDb.toPrismaUrl());
            Process process = node.start();
            Tools.require(process.waitFor(600, TimeUnit.SECONDS) && process.exitValue() == 0, () -> "the Prisma schema engine did not run");

            int compared = 0;
            int identical = 0;
            int sameText = 0;
            int prismaRejected = 0;
            List<String> differences = new ArrayList<>();
            for (int i = 0; i < schemas.size(); i++) {
                Path prismaSql = inputs.resolve(i + ".sql");
                if (!Files.isRegularFile(prismaSql)) {
                    prismaRejected++;
                    continue;
                }
                String prisma = Files.readString(prismaSql);
                String quarry = Migrations.createScript(schemas.get(i));
                Optional<DatabaseShape> prismaShape = applyAndDescribe(prismaDb, prisma);
                Optional<DatabaseShape> quarryShape = applyAndDescribe(quarryDb, quarry);
                if (prismaShape.isEmpty()) {
                    continue;
                }
                compared++;
                if (prisma.strip().equals(quarry.strip())) {
                    sameText++;
                }
                if (prismaShape.equals(quarryShape)) {
                    identical++;
                } else {
                    differences.add(schemaFiles.get(i).getFileName() + " (" + i + ")");
                }
            }
            System.out.printf("Prisma catalog identity: %d schemas, %d rejected by Prisma 7, %d compared, %d identical catalogs (%.1f%%), %d byte-identical migration scripts%n",
                    schemas.size(), prismaRejected, compared, identical, compared == 0 ? 0.0 : 100.0 * identical / compared, sameText);
            differences.stream().limit(30).forEach(d -> System.out.println("  differs: " + d));
            assertTrue(identical >= MIN_IDENTICAL_CATALOGS, "identical catalogs: " + identical);
        } finally {
            TestServer.dropDatabase(prismaDb);
            TestServer.dropDatabase(quarryDb);
        }
    }

    private static Optional<DatabaseShape> applyAndDescribe(DatabaseUrl url, String sql) throws SQLException {
        try (Connection connection = TestServer.connect(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
                statement.execute("CREATE SCHEMA public");
            }
            try {
                SqlScripts.executeInTransaction(connection, sql);
            } catch (SQLException e) {
                return Optional.empty();
            }
        }
        return Optional.of(Migrator.describe(url));
    }

    private static boolean run(List<String> command, Path directory, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
