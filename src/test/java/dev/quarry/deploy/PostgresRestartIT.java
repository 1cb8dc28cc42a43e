package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.EmbeddedDatabase;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service on a private PostgreSQL (the embedded server, so the shared one stays up) that is
 * stopped (fast shutdown) and started again under a bounded load of reads and writes. While it is down,
 * every request gets an answer (the load's client gives up after 10 s) that is a success or a 503 problem
 * with {@code Retry-After}; afterwards the same instance serves again, and every acknowledged write is there.
 */
@Tag("ops")
class PostgresRestartIT {

    private static final Duration DOWN_FOR = Duration.ofSeconds(4);
    private static final String WRITE = "POST /api/users";

    private ServiceInstance service;
    private EmbeddedDatabase postgres;

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself(@TempDir Path data) throws Exception {
        Tools.require(Files.isRegularFile(ServiceInstance.JAR), () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        int port = Tools.freePort();
        postgres = EmbeddedDatabase.start(data, port);
        DatabaseUrl database = postgres.url();
        FreshDatabase.createTables(database, "schema.prisma");

        Path logs = Files.createDirectories(Path.of("target/ops-logs"));
        Path log = logs.resolve("postgres-restart.log");
        Files.deleteIfExists(log);
        service = new ServiceInstance(Tools.freePort(), database, Map.of("QUARRY_POOL_SIZE", "4", "QUARRY_POOL_WAIT_TIMEOUT", "2s"), log).start();
        service.awaitReady(Duration.ofSeconds(120));

        URI users = URI.create("http://127.0.0.1:" + service.port() + "/api/users");
        Load load = new Load(List.of(
                Load.Request.get(users),
                Load.Request.get(URI.create(users + "?include=posts&take=5")),
                Load.Request.postJson(users, n -> "{\"email\":\"load" + n + "@example.com\"}", 201)), 3, 20_000).start();
        Thread.sleep(1500);
        long beforeStop = load.sent();

        postgres.close();
        long stopped = System.nanoTime();
        Thread.sleep(DOWN_FOR.toMillis());
        long whileDown = load.sent() - beforeStop;
        int readinessWhileDown = service.readiness();
        long starting = System.nanoTime();
        postgres = EmbeddedDatabase.start(data, port);
        long started = System.nanoTime();

        long recoveredBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (service.readiness() != 200 && System.nanoTime() < recoveredBy) {
            Thread.sleep(100);
        }
        long readyAgain = System.nanoTime();
        Thread.sleep(2000);
        Load.Result result = load.stop();

        Map<String, Long> unexpected = result.failuresByCause().entrySet().stream()
                .filter(e -> !e.getKey().endsWith(" -> 503"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        Set<Long> acknowledgedWrites = result.acknowledgedNumbers().getOrDefault(WRITE, Set.of());
        Set<Long> stored = storedWrites(database);
        Set<Long> lost = new HashSet<>(acknowledgedWrites);
        lost.removeAll(stored);
        // negative when the last failure came before PostgreSQL accepted connections again: nothing left to recover
        long recoveryMillis = result.lastFailureNanos().isPresent() ? (result.lastFailureNanos().getAsLong() - started) / 1_000_000 : 0;

        System.out.printf("[ops] postgres restart: down %.1f s (fast shutdown, start took %.1f s), readiness while down %d; "
                        + "ready again %.1f s after; %d requests in %.1f s, %d while down, %d failed %s%n",
                (started - stopped) / 1e9, (started - starting) / 1e9, readinessWhileDown, (readyAgain - started) / 1e9,
                result.requests(), result.seconds(), whileDown, result.failures(), new TreeMap<>(result.failuresByCause()));
        System.out.printf("[ops] postgres restart: %d acknowledged writes, %d rows, %d lost; recovery: the last failure %+d ms from PostgreSQL's start returning%n",
                acknowledgedWrites.size(), stored.size(), lost.size(), recoveryMillis);

        assertTrue(whileDown > 0, "no request was sent while PostgreSQL was down");
        assertTrue(result.failures() > 0, "nothing failed while PostgreSQL was down: the load did not reach the database");
        assertEquals(Map.of(), unexpected, "while PostgreSQL is down, requests answer 503 with Retry-After, never hang or fail otherwise");
        assertEquals(503, readinessWhileDown, "readiness reports the database down");
        assertEquals(200, service.readiness(), "the same instance is ready again without a restart");
        assertTrue(acknowledgedWrites.size() > 0, "the load wrote nothing");
        assertEquals(Set.of(), lost, "every acknowledged write is in the database");
        assertSucceedsAfterRestart(users);
        assertFalse(Files.readString(log).contains("Result is already complete"), "the pool timer's harmless error is filtered from the log");
    }

    private void assertSucceedsAfterRestart(URI users) throws Exception {
        Load after = new Load(List.of(Load.Request.get(users),
                Load.Request.postJson(users, n -> "{\"email\":\"after" + n + "@example.com\"}", 201)), 1, 20).start();
        while (after.sent() < 20) {
            Thread.sleep(20);
        }
        Load.Result result = after.stop();
        assertEquals(0, result.failures(), () -> "after the restart: " + result.failuresByCause());
    }

    /** The request numbers of the load's writes that are rows. */
    private static Set<Long> storedWrites(DatabaseUrl database) throws Exception {
        Set<Long> numbers = new HashSet<>();
        try (var connection = TestServer.connect(database);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT substring(\"email\" from '^load([0-9]+)@') FROM \"User\" WHERE \"email\" LIKE 'load%'")) {
            while (rows.next()) {
                numbers.add(Long.parseLong(rows.getString(1)));
            }
        }
        return numbers;
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
