package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys that cannot skip migrations, with the packaged service run as the image runs it: from a working directory
 * that is no project, {@code migrate status} and {@code migrate deploy} use the migrations packaged in the jar (and
 * say so); a given folder that does not exist is an error. A service on a database that lacks them is not ready,
 * names them, and answers API requests 503 {@code schema-behind}, until {@code migrate deploy} has run.
 */
@Tag("ops")
class PackagedMigrationsIT {

    private static final String INIT = "V20261123205632__init.sql";

    @TempDir
    Path elsewhere;

    private final List<DatabaseUrl> databases = new ArrayList<>();
    private ServiceInstance instance;

    @Test
    void migrateFromAnUnrelatedFolderUsesThePackagedMigrations() throws Exception {
        Tools.require(
                Files.isRegularFile(ServiceInstance.JAR),
                () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        DatabaseUrl database = database("packaged");

        Run pending = cli(database, "migrate", "status");
        assertEquals(1, pending.exit(), pending.toString());
        assertTrue(
                pending.out()
                        .contains("Using the migrations packaged with Quarry (classpath:db/migration): 1 "
                                + "migration(s)."),
                pending.toString());
        assertTrue(pending.out().contains("Pending (1):"), pending.toString());

        Run deployed = cli(database, "migrate", "deploy");
        assertEquals(0, deployed.exit(), deployed.toString());
        assertTrue(deployed.out().contains("Applied 1 migration(s) to "), deployed.toString());
        assertEquals(List.of("Post", "User"), tables(database));

        Run clean = cli(database, "migrate", "status");
        assertEquals(0, clean.exit(), clean.toString());
        Run twice = cli(database, "migrate", "deploy");
        assertEquals(0, twice.exit(), twice.toString());
        assertTrue(twice.out().contains("No pending migrations"), twice.toString());

        Run missing = cli(
                database("missing"),
                "migrate",
                "deploy",
                "--migrations",
                elsewhere.resolve("no-such-folder").toString());
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(
                missing.err()
                        .contains("error: the migrations folder " + elsewhere.resolve("no-such-folder")
                                + " does not exist"),
                missing.toString());
        assertFalse(missing.out().contains("up to date"), missing.toString());
        System.out.printf(
                "[ops] packaged migrations from %s: status %d, deploy %d (%d ms), status after %d, missing "
                        + "folder "
                        + "%d%n",
                elsewhere, pending.exit(), deployed.exit(), deployed.millis(), clean.exit(), missing.exit());
    }

    @Test
    void aServiceOnADatabaseBehindItsMigrationsIsNotReadyAndAnswers503() throws Exception {
        Tools.require(
                Files.isRegularFile(ServiceInstance.JAR),
                () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        DatabaseUrl database = database("behind");
        Path log = Files.createDirectories(Path.of("target/ops-logs")).resolve("schema-behind.log");
        instance = new ServiceInstance(Tools.freePort(), database, Map.of("QUARRY_REQUIRE_MIGRATIONS", "true"), log)
                .start();

        HttpResponse<String> ready = await(
                () -> instance.get("/q/health/ready")
                        .filter(r -> r.statusCode() == 503 && r.body().contains(INIT)),
                "readiness DOWN naming " + INIT);
        assertTrue(ready.body().contains("\"migrations\"") && ready.body().contains("migrate deploy"), ready.body());
        HttpResponse<String> api = instance.get("/api/users").orElseThrow();
        assertEquals(503, api.statusCode(), api.body());
        assertTrue(api.body().contains("\"code\":\"schema-behind\""), api.body());
        assertEquals(Optional.of("2"), api.headers().firstValue("Retry-After"));
        assertEquals(
                "application/problem+json",
                api.headers().firstValue("Content-Type").orElse(""));

        Run deployed = cli(database, "migrate", "deploy");
        assertEquals(0, deployed.exit(), deployed.toString());
        long start = System.nanoTime();
        await(
                () -> instance.get("/q/health/ready").filter(r -> r.statusCode() == 200),
                "readiness UP after migrate deploy");
        long millis = (System.nanoTime() - start) / 1_000_000;
        HttpResponse<String> served = instance.get("/api/users").orElseThrow();
        assertEquals(200, served.statusCode(), served.body());
        assertEquals("[]", served.body().replace(" ", ""));
        System.out.printf(
                "[ops] schema behind: ready 503 naming %s, API 503 schema-behind; ready again %d ms after "
                        + "migrate "
                        + "deploy%n",
                INIT, millis);
    }

    private DatabaseUrl database(String purpose) {
        DatabaseUrl database = TestServer.createDatabase(purpose);
        databases.add(database);
        return database;
    }

    private static List<String> tables(DatabaseUrl database) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = TestServer.connect(database);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                + "AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private interface Probe {
        Optional<HttpResponse<String>> get() throws Exception;
    }

    private HttpResponse<String> await(Probe probe, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HttpResponse<String>> response = probe.get();
            if (response.isPresent()) {
                return response.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never: " + what + "\n" + instance.logTail());
    }

    record Run(int exit, String out, String err, long millis) {}

    /**
     * The packaged jar's command line, in a folder that is no project, as the migration Job runs it in the image.
     */
    private Run cli(DatabaseUrl database, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                ServiceInstance.JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
        builder.environment().put("DATABASE_URL", database.toPrismaUrl());
        Path out = elsewhere.resolve("out.txt");
        Path err = elsewhere.resolve("err.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish in 120 s");
        }
        return new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                (System.nanoTime() - start) / 1_000_000);
    }

    @AfterEach
    void stop() throws Exception {
        if (instance != null) {
            instance.close();
        }
        databases.forEach(TestServer::dropDatabase);
    }
}
