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
import java.util.TreeSet;
import java.util.function.Predicate;
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
    /**
     * "At once": a connection to a stopped server is refused, so no request waits for the pool
     * (QUARRY_POOL_WAIT_TIMEOUT, 2 s, below). A run here: 88 ms at most on a busy machine.
     */
    private static final Duration MAX_503 = Duration.ofSeconds(1);
    /**
     * From starting PostgreSQL again (its start-up included, about a second) to the first success of each kind of
     * request: the pool opens connections again on demand, nothing to restart.
     */
    private static final Duration MAX_RECOVERY = Duration.ofSeconds(5);

    private static final String WRITE = "POST /api/users";

    private ServiceInstance service;
    private EmbeddedDatabase postgres;

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversByItself(@TempDir Path data) throws Exception {
        Tools.require(
                Files.isRegularFile(ServiceInstance.JAR),
                () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        int port = Tools.freePort();
        postgres = EmbeddedDatabase.start(data, port);
        DatabaseUrl database = postgres.url();
        FreshDatabase.createTables(database, "schema.prisma");

        Path logs = Files.createDirectories(Path.of("target/ops-logs"));
        Path log = logs.resolve("postgres-restart.log");
        Files.deleteIfExists(log);
        service = new ServiceInstance(
                        Tools.freePort(),
                        database,
                        Map.of("QUARRY_POOL_SIZE", "4", "QUARRY_POOL_WAIT_TIMEOUT", "2s"),
                        log)
                .start();
        service.awaitReady(Duration.ofSeconds(120));

        URI users = URI.create("http://127.0.0.1:" + service.port() + "/api/users");
        Load load = new Load(
                        List.of(
                                Load.Request.get(URI.create(users + "?take=20")),
                                Load.Request.get(URI.create(users + "?include=posts&take=5")),
                                Load.Request.postJson(users, n -> "{\"email\":\"load" + n + "@example.com\"}", 201)),
                        3,
                        20_000)
                .start();
        load.awaitAcknowledged(30, Duration.ofSeconds(30));
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
        long acknowledgedWhenReady = load.acknowledged();
        load.awaitAcknowledged(acknowledgedWhenReady + 30, Duration.ofSeconds(30));
        Load.Result result = load.stop();

        Map<String, Long> unexpected = result.failuresByCause().entrySet().stream()
                .filter(e -> !e.getKey().endsWith(" -> 503"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        Set<Long> acknowledgedWrites = result.acknowledgedNumbers().getOrDefault(WRITE, Set.of());
        Set<Long> stored = storedWrites(database);
        Set<Long> lost = new HashSet<>(acknowledgedWrites);
        lost.removeAll(stored);
        // negative when the last failure came before PostgreSQL accepted connections again: nothing left to recover
        long recoveryMillis = result.lastFailureNanos().isPresent()
                ? (result.lastFailureNanos().getAsLong() - started) / 1_000_000
                : 0;

        System.out.printf(
                "[ops] postgres restart: down %.1f s (fast shutdown, start took %.1f s), readiness while "
                        + "down %d; "
                        + "ready again %.1f s after; %d requests in %.1f s, %d while down, %d failed %s%n",
                (started - stopped) / 1e9,
                (started - starting) / 1e9,
                readinessWhileDown,
                (readyAgain - started) / 1e9,
                result.requests(),
                result.seconds(),
                whileDown,
                result.failures(),
                new TreeMap<>(result.failuresByCause()));
        System.out.printf(
                "[ops] postgres restart: %d acknowledged writes, %d rows, %d lost; recovery: the last "
                        + "failure %+d "
                        + "ms from PostgreSQL's start returning%n",
                acknowledgedWrites.size(), stored.size(), lost.size(), recoveryMillis);

        List<Load.Answer> downAnswers = result.answers().stream()
                .filter(a -> a.sentNanos() >= stopped && a.answeredNanos() <= starting)
                .toList();
        long slowest503 = downAnswers.stream()
                .filter(a -> a.status() == 503)
                .mapToLong(Load.Answer::millis)
                .max()
                .orElse(-1);
        long[] latencies = downAnswers.stream()
                .filter(a -> a.status() == 503)
                .mapToLong(Load.Answer::millis)
                .sorted()
                .toArray();
        Map<String, Long> firstSuccessMillis = new TreeMap<>();
        for (Load.Answer answer : result.answers()) {
            if (answer.succeeded() && answer.sentNanos() >= starting) {
                firstSuccessMillis.merge(answer.kind(), (answer.answeredNanos() - starting) / 1_000_000, Math::min);
            }
        }
        Set<Long> answered503 = numbers(result, WRITE, a -> a.status() == 503);
        Set<Long> stored503 = new TreeSet<>(answered503);
        stored503.retainAll(stored);
        // a write can commit as PostgreSQL stops and lose its answer with the connection: then it was sent before
        // the stop
        Set<Long> inFlightAtStop = numbers(result, WRITE, a -> a.sentNanos() < stopped);
        Set<Long> unexplained = new TreeSet<>(stored503);
        unexplained.removeAll(inFlightAtStop);
        Set<Long> neitherAcknowledgedNor503 = new TreeSet<>(stored);
        neitherAcknowledgedNor503.removeAll(acknowledgedWrites);
        neitherAcknowledgedNor503.removeAll(answered503);
        System.out.printf(
                "[ops] postgres restart: %d answers while down, by status %s; 503 latency p50 %d ms, p99 "
                        + "%d ms, "
                        + "max %d ms; "
                        + "first success %s ms after PostgreSQL was started; %d writes answered 503, %d of them "
                        + "stored (in flight at the stop)%n",
                downAnswers.size(),
                downAnswers.stream()
                        .collect(Collectors.groupingBy(Load.Answer::status, TreeMap::new, Collectors.counting())),
                percentile(latencies, 50),
                percentile(latencies, 99),
                slowest503,
                firstSuccessMillis,
                answered503.size(),
                stored503.size());

        assertTrue(whileDown > 0, "no request was sent while PostgreSQL was down");
        assertTrue(latencies.length > 0, "no request answered 503 while PostgreSQL was down");
        assertEquals(
                Map.of(503, (long) downAnswers.size()),
                downAnswers.stream().collect(Collectors.groupingBy(Load.Answer::status, Collectors.counting())),
                "every request sent and answered while PostgreSQL was down is a 503");
        assertTrue(slowest503 <= MAX_503.toMillis(), "the slowest 503 took " + slowest503 + " ms");
        assertEquals(Set.of(WRITE, "GET /api/users"), firstSuccessMillis.keySet(), "reads and writes succeed again");
        firstSuccessMillis.forEach((kind, millis) -> assertTrue(
                millis <= MAX_RECOVERY.toMillis(),
                kind + " first succeeded " + millis + " ms after PostgreSQL was started"));
        assertEquals(Set.of(), unexplained, "writes answered 503 whose rows are stored, sent after PostgreSQL stopped");
        assertEquals(Set.of(), neitherAcknowledgedNor503, "rows of writes that got neither their 201 nor a 503");
        assertEquals(0, result.unfinishedWorkers(), "load threads still running at the end");
        assertTrue(
                result.failures() > 0, "nothing failed while PostgreSQL was down: the load did not reach the database");
        assertEquals(
                Map.of(),
                unexpected,
                "while PostgreSQL is down, requests answer 503 with Retry-After, never hang or fail " + "otherwise");
        assertEquals(503, readinessWhileDown, "readiness reports the database down");
        assertEquals(200, service.readiness(), "the same instance is ready again without a restart");
        assertTrue(acknowledgedWrites.size() > 0, "the load wrote nothing");
        assertEquals(Set.of(), lost, "every acknowledged write is in the database");
        assertSucceedsAfterRestart(users);
        assertFalse(
                Files.readString(log).contains("Result is already complete"),
                "the pool timer's harmless error is filtered from the log");
    }

    private static Set<Long> numbers(Load.Result result, String kind, Predicate<Load.Answer> which) {
        return result.answers().stream()
                .filter(a -> a.kind().equals(kind) && which.test(a))
                .map(Load.Answer::number)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private void assertSucceedsAfterRestart(URI users) throws Exception {
        Load after = new Load(
                        List.of(
                                Load.Request.get(users),
                                Load.Request.postJson(users, n -> "{\"email\":\"after" + n + "@example.com\"}", 201)),
                        1,
                        20)
                .start();
        after.awaitAcknowledged(20, Duration.ofSeconds(30));
        Load.Result result = after.stop();
        assertEquals(0, result.failures(), () -> "after the restart: " + result.failuresByCause());
    }

    /** The request numbers of the load's writes that are rows. */
    private static Set<Long> storedWrites(DatabaseUrl database) throws Exception {
        Set<Long> numbers = new HashSet<>();
        try (var connection = TestServer.connect(database);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT substring(\"email\" from '^load([0-9]+)@') FROM \"User\" WHERE \"email\" "
                                + "LIKE "
                                + "'load%'")) {
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
