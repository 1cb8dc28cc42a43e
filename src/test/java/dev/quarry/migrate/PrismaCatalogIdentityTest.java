package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Catalog identity with Prisma Migrate: for every valid single-schema PostgreSQL schema of the corpus, Prisma 7's
 * from-empty SQL (the npm package {@code @prisma/schema-engine-wasm}, installed under target/) applied to one
 * database and Quarry's applied to another give the same catalog, as {@link CatalogDump} ({@code pg_dump
 * --schema-only}, not Quarry's describer) prints it. Every schema is accounted for: rejected by Prisma, Prisma's
 * script not applying here (by reason), or compared; each count is asserted, so a schema cannot leave the
 * denominator unnoticed. Skipped, with the reason, when node or the npm package is not available.
 */
public class PrismaCatalogIdentityTest {

    /** The figures README.md quotes ("Migrations are what Prisma Migrate writes"): change both together. */
    private static final int SCHEMAS = 96;

    private static final int PRISMA_REJECTED = 6;
    /**
     * On a PostgreSQL 15 server with no extension in the template database (the columns needing pgvector or
     * PostGIS, which it lacks, are stripped first: {@link #withoutMissingExtensions}): a uuid-ossp version that
     * does not exist, and citext or gin_trgm_ops used without declaring the extension.
     */
    private static final Map<String, Integer> PRISMA_FAILS_TO_APPLY = Map.of(
            "ERROR: extension \"uuid-ossp\" has no installation script nor update path for version \"2.1\"", 1,
            "ERROR: operator class \"gin_trgm_ops\" does not exist for access method \"gin\"", 1,
            "ERROR: type \"citext\" does not exist", 1);

    private static final int COMPARED = 87;
    private static final int IDENTICAL = 87;
    private static final int SAME_TEXT = 54;

    @Test
    void quarryAndPrismaMigrationsGiveTheSameCatalogs() throws Exception {
        Path oracle = prismaOracle();
        Path inputs = Files.createTempDirectory("quarry-prisma-identity");
        List<Path> schemaFiles = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        List<Schema> schemas = new ArrayList<>();
        for (Path file : CorpusRoundTripTest.postgresSchemas()) {
            Optional<Schema> schema = CorpusRoundTripTest.parse(file);
            if (schema.isEmpty()
                    || !schema.get()
                            .datasource()
                            .map(ds -> ds.schemas().isEmpty())
                            .orElse(true)) {
                continue;
            }
            // Prisma 7 reads connection URLs from prisma.config.ts, not from the schema.
            String text = withoutMissingExtensions(
                    Files.readString(file).replaceAll("(?m)^\\s*(url|directUrl|shadowDatabaseUrl)\\s*=.*$", ""));
            schema = Optional.of(PrismaSchema.parse(file.getFileName().toString(), text)
                    .schema()
                    .orElseThrow());
            Path copy = inputs.resolve(schemaFiles.size() + ".prisma");
            Files.writeString(copy, text);
            schemaFiles.add(copy);
            sources.add(CorpusRoundTripTest.corpus().relativize(file));
            schemas.add(schema.get());
        }
        Path list = inputs.resolve("list.txt");
        Files.write(list, schemaFiles.stream().map(Path::toString).toList());
        DatabaseUrl prismaDb = TestServer.createDatabase("prisma_identity_p");
        DatabaseUrl quarryDb = TestServer.createDatabase("prisma_identity_q");
        try {
            runPrisma(oracle, list, inputs, prismaDb);

            CatalogDump dump = new CatalogDump(
                    Tools.find("pg_dump").orElseThrow(() -> new IllegalStateException("pg_dump is not installed")),
                    prismaDb);
            int compared = 0;
            int identical = 0;
            int sameText = 0;
            int prismaRejected = 0;
            int quarryFailsToApply = 0;
            Map<String, Integer> prismaFailsToApply = new TreeMap<>();
            List<String> differences = new ArrayList<>();
            for (int i = 0; i < schemas.size(); i++) {
                Path prismaSql = inputs.resolve(i + ".sql");
                if (!Files.isRegularFile(prismaSql)) {
                    prismaRejected++;
                    continue;
                }
                String prisma = Files.readString(prismaSql);
                String quarry = Migrations.createScript(schemas.get(i));
                Optional<String> prismaFailure = apply(prismaDb, prisma);
                Optional<String> quarryFailure = apply(quarryDb, quarry);
                String name = schemaFiles.get(i).getFileName() + " (" + sources.get(i) + ")";
                if (prismaFailure.isPresent()) {
                    prismaFailsToApply.merge(prismaFailure.get(), 1, Integer::sum);
                    continue;
                }
                compared++;
                if (prisma.strip().equals(quarry.strip())) {
                    sameText++;
                }
                if (quarryFailure.isPresent()) {
                    quarryFailsToApply++;
                    differences.add(name + ": Quarry's script fails: " + quarryFailure.get());
                } else if (dump.of(prismaDb).equals(dump.of(quarryDb))) {
                    identical++;
                } else {
                    differences.add(name);
                }
            }
            int prismaFailed = prismaFailsToApply.values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            System.out.printf(
                    "Prisma catalog identity (pg_dump --schema-only): %d schemas, %d rejected by Prisma 7, "
                            + "%d "
                            + "Prisma scripts fail to apply %s, "
                            + "%d compared, %d identical catalogs, %d Quarry scripts fail to apply, %d the same "
                            + "text%n",
                    schemas.size(),
                    prismaRejected,
                    prismaFailed,
                    prismaFailsToApply,
                    compared,
                    identical,
                    quarryFailsToApply,
                    sameText);
            differences.forEach(d -> System.out.println("  differs: " + d));
            assertEquals(SCHEMAS, schemas.size(), "single-schema PostgreSQL schemas in the corpus");
            assertEquals(PRISMA_REJECTED, prismaRejected, "schemas Prisma 7 writes no migration for");
            assertEquals(
                    new TreeMap<>(PRISMA_FAILS_TO_APPLY),
                    prismaFailsToApply,
                    "Prisma scripts that do not apply here, by reason");
            assertEquals(
                    COMPARED,
                    compared,
                    "compared: every schema but those Prisma rejects or whose Prisma script does not apply");
            assertEquals(IDENTICAL, identical, () -> "identical catalogs; differing: " + differences);
            assertEquals(SAME_TEXT, sameText, "migration scripts with the same text");
        } finally {
            TestServer.dropDatabase(prismaDb);
            TestServer.dropDatabase(quarryDb);
        }
    }

    /**
     * The directory of the Prisma oracle: the npm packages of the Prisma peer (bench/peers/prisma) installed under
     * target/ and {@code se-batch.mjs}. Skips the test, with the reason, when node or the packages are not
     * available.
     */
    public static Path prismaOracle() throws IOException {
        Tools.require(run(List.of("node", "--version"), Path.of("."), 20), () -> "node is not available");
        Path oracle = Path.of("target", "prisma-oracle").toAbsolutePath();
        Path peer = CorpusRoundTripTest.corpus().getParent().getParent().resolve("bench/peers/prisma");
        Tools.require(
                Files.isRegularFile(peer.resolve("package-lock.json")),
                () -> "the Prisma peer (bench/peers/prisma) is not there");
        Files.createDirectories(oracle);
        if (!Files.isDirectory(oracle.resolve("node_modules/@prisma/schema-engine-wasm"))) {
            Files.copy(
                    peer.resolve("package.json"), oracle.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    peer.resolve("package-lock.json"),
                    oracle.resolve("package-lock.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Tools.require(
                    run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), oracle, 600),
                    () -> "npm ci of the Prisma peer's packages failed (offline?)");
        }
        try (InputStream script = PrismaCatalogIdentityTest.class.getResourceAsStream("/prisma-oracle/se-batch.mjs")) {
            Files.copy(script, oracle.resolve("se-batch.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
        return oracle;
    }

    /**
     * Prisma 7's from-empty script of each schema of {@code list} (one path a line), written to {@code <n>.sql} in
     * {@code inputs}.
     */
    public static void runPrisma(Path oracle, Path list, Path inputs, DatabaseUrl database)
            throws IOException, InterruptedException {
        // never inheritIO: the test JVM's stdin and stdout are surefire's channel to it
        ProcessBuilder node = new ProcessBuilder("node", "se-batch.mjs", list.toString(), inputs.toString())
                .directory(oracle.toFile())
                .redirectErrorStream(true)
                .redirectOutput(inputs.resolve("se-batch.log").toFile());
        node.environment().put("DATABASE_URL", database.toPrismaUrl());
        Process process = node.start();
        Tools.require(
                process.waitFor(600, TimeUnit.SECONDS) && process.exitValue() == 0,
                () -> "the Prisma schema engine did not run");
    }

    private static final Pattern MISSING_EXTENSION_FIELD =
            Pattern.compile("(?m)^\\s*(\\w+)\\s+Unsupported\\(\"[^\n]*\\b(vector|geography|geometry)\\b[^\n]*\n");
    private static final Pattern EXTENSIONS = Pattern.compile("(?m)^\\s*extensions\\s*=.*$");

    /**
     * The schema without what needs an extension the test server lacks (pgvector, PostGIS): those columns, the
     * indexes over them and the extensions' declarations go, the rest of the schema is compared.
     */
    static String withoutMissingExtensions(String text) {
        Matcher fields = MISSING_EXTENSION_FIELD.matcher(text);
        List<String> names = new ArrayList<>();
        while (fields.find()) {
            names.add(fields.group(1));
        }
        String stripped = MISSING_EXTENSION_FIELD.matcher(text).replaceAll("");
        for (String name : names) {
            stripped = stripped.replaceAll(
                    "(?m)^\\s*@@(index|unique)\\(\\[[^\\]]*\\b" + Pattern.quote(name) + "\\b[^\n]*\n", "");
        }
        return EXTENSIONS.matcher(stripped).replaceAll(line -> {
            String kept = line.group().replaceAll("\\b(pgvector|vector|postgis)\\b(\\([^)]*\\))?\\s*,?\\s*", "");
            return kept.matches("\\s*extensions\\s*=\\s*(\\[\\s*\\])?\\s*") ? "" : Matcher.quoteReplacement(kept);
        });
    }

    /** Applies {@code sql} to an emptied public schema; the failure's first line if it does not apply. */
    private static Optional<String> apply(DatabaseUrl url, String sql) throws SQLException {
        try (Connection connection = TestServer.connect(url)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
                statement.execute("CREATE SCHEMA public");
            }
            try {
                SqlScripts.executeInTransaction(connection, sql);
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(e.getMessage().lines().findFirst().orElse(e.getSQLState()));
            }
        }
    }

    private static boolean run(List<String> command, Path directory, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
