package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three packaged instances behind HAProxy, one database: a bounded load runs while the instances restart
 * one after the other (SIGTERM, as a rolling update sends it), and no request fails.
 */
@Tag("ops")
class ScaleOutIT {

    private static final int INSTANCES = 3;
    private static final String READ = "GET /api/users";
    private static final String WRITE = "POST /api/users";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private final List<ServiceInstance> instances = new ArrayList<>();
    private Haproxy haproxy;
    private DatabaseUrl database;

    @Test
    void aRollingRestartBehindALoadBalancerLosesNoRequest() throws Exception {
        Tools.require(
                Files.isRegularFile(ServiceInstance.JAR),
                () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        Path haproxyExecutable = Tools.requireProgram("haproxy", "haproxy");

        database = TestServer.createDatabase("scaleout");
        FreshDatabase.createTables(database, "schema.prisma");
        Path logs = Files.createDirectories(Path.of("target/ops-logs"));
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new ServiceInstance(
                            Tools.freePort(),
                            database,
                            Map.of("QUARRY_SHUTDOWN_DELAY", "2s", "QUARRY_POOL_SIZE", "5"),
                            logs.resolve("scaleout-" + i + ".log"))
                    .start());
        }
        for (ServiceInstance instance : instances) {
            instance.awaitReady(START_TIMEOUT);
        }
        haproxy = Haproxy.start(
                haproxyExecutable, instances.stream().map(ServiceInstance::port).toList());
        haproxy.awaitServersUp(INSTANCES, Duration.ofSeconds(30));

        Load load = new Load(requests(), 3, 60_000).start();
        load.awaitAcknowledged(30, Duration.ofSeconds(30));
        List<String> restarts = new ArrayList<>();
        List<long[]> windows = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            long before = load.sent();
            long stopping = System.nanoTime();
            instance.terminate();
            int exit = instance.awaitExit(Duration.ofSeconds(40));
            long stopped = System.nanoTime();
            instance.start().awaitReady(START_TIMEOUT);
            haproxy.awaitServersUp(INSTANCES, Duration.ofSeconds(30));
            windows.add(new long[] {stopping, System.nanoTime()});
            restarts.add(String.format(
                    "port %d: exit %d, stopped in %.1f s, back in rotation after %.1f s, %d requests " + "meanwhile",
                    instance.port(),
                    exit,
                    (stopped - stopping) / 1e9,
                    (System.nanoTime() - stopping) / 1e9,
                    load.sent() - before));
            long acknowledged = load.acknowledged();
            load.awaitAcknowledged(acknowledged + 20, Duration.ofSeconds(30));
        }
        Load.Result result = load.stop();

        restarts.forEach(line -> System.out.println("[ops] restart " + line));
        Map<String, Long> byKind = result.answers().stream()
                .collect(Collectors.groupingBy(Load.Answer::kind, TreeMap::new, Collectors.counting()));
        System.out.printf(
                "[ops] %d requests through HAProxy in %.1f s (%.0f/s) across %d rolling restarts, %s: %d "
                        + "failed "
                        + "%s%n",
                result.requests(),
                result.seconds(),
                result.perSecond(),
                INSTANCES,
                byKind,
                result.failures(),
                result.failuresByCause());
        assertEquals(0, result.unfinishedWorkers(), "load threads still running at the end");
        assertEquals(Set.of(READ, WRITE), byKind.keySet(), "the load is reads and writes");
        assertTrue(result.requests() >= 200, "too little load to prove anything: " + result.requests());
        for (int i = 0; i < windows.size(); i++) {
            long[] window = windows.get(i);
            Map<String, Long> succeeded = result.answers().stream()
                    .filter(a -> a.succeeded() && a.sentNanos() >= window[0] && a.answeredNanos() <= window[1])
                    .collect(Collectors.groupingBy(Load.Answer::kind, TreeMap::new, Collectors.counting()));
            System.out.println("[ops] during restart " + (i + 1) + ": " + succeeded + " succeeded");
            assertEquals(
                    Set.of(READ, WRITE), succeeded.keySet(), "reads and writes both served during restart " + (i + 1));
        }
        assertEquals(0, result.failures(), () -> "failed requests: " + result.failuresByCause());
        long acknowledgedWrites = result.acknowledged().getOrDefault(WRITE, 0L);
        long rows = countUsers() - 1; // less the probe that found writes served
        System.out.printf(
                "[ops] %d acknowledged writes, %d rows: %d lost%n",
                acknowledgedWrites, rows, acknowledgedWrites - rows);
        assertTrue(acknowledgedWrites > 0, "the load wrote nothing");
        assertEquals(acknowledgedWrites, rows, "every acknowledged write is in the database, and nothing else");
    }

    private long countUsers() throws Exception {
        try (var connection = TestServer.connect(database);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM \"User\"")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Reads and writes of the API, once a probe of each is served: the load is only requests that reach the
     * database (health and the OpenAPI document would only dilute it).
     */
    private List<Load.Request> requests() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertEquals(
                200,
                client.send(
                                HttpRequest.newBuilder(haproxy.uri("/api/users"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "reads are served before the load starts");
        String probe = "{\"email\":\"probe@example.com\"}";
        HttpRequest write = HttpRequest.newBuilder(haproxy.uri("/api/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(probe))
                .build();
        assertEquals(
                201,
                client.send(write, HttpResponse.BodyHandlers.discarding()).statusCode(),
                "writes are served before the load starts");
        // pages, as a client reads a table that grows (the load writes thousands of users; a list over
        // quarry.api.max-rows without take is a 400)
        return List.of(
                Load.Request.get(URI.create(haproxy.uri("/api/users") + "?take=20")),
                Load.Request.get(URI.create(haproxy.uri("/api/users") + "?include=posts&take=20")),
                Load.Request.postJson(
                        haproxy.uri("/api/users"), n -> "{\"email\":\"load" + n + "@example.com\"}", 201));
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        for (ServiceInstance instance : instances) {
            instance.close();
        }
        if (database != null) {
            TestServer.dropDatabase(database);
        }
    }
}
