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
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private final List<ServiceInstance> instances = new ArrayList<>();
    private Haproxy haproxy;
    private DatabaseUrl database;

    @Test
    void aRollingRestartBehindALoadBalancerLosesNoRequest() throws Exception {
        Tools.require(Files.isRegularFile(ServiceInstance.JAR), () -> "no packaged service at " + ServiceInstance.JAR + " (./mvnw package)");
        Path haproxyExecutable = Tools.requireProgram("haproxy", "haproxy");

        database = TestServer.createDatabase("scaleout");
        FreshDatabase.createTables(database, "schema.prisma");
        Path logs = Files.createDirectories(Path.of("target/ops-logs"));
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(new ServiceInstance(Tools.freePort(), database, Map.of("QUARRY_SHUTDOWN_DELAY", "2s", "QUARRY_POOL_SIZE", "5"),
                    logs.resolve("scaleout-" + i + ".log")).start());
        }
        for (ServiceInstance instance : instances) {
            instance.awaitReady(START_TIMEOUT);
        }
        haproxy = Haproxy.start(haproxyExecutable, instances.stream().map(ServiceInstance::port).toList());
        haproxy.awaitServersUp(INSTANCES, Duration.ofSeconds(30));

        Load load = new Load(requests(), 3, 60_000).start();
        Thread.sleep(1500);
        List<String> restarts = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            long before = load.sent();
            long stopping = System.nanoTime();
            instance.terminate();
            int exit = instance.awaitExit(Duration.ofSeconds(40));
            long stopped = System.nanoTime();
            instance.start().awaitReady(START_TIMEOUT);
            haproxy.awaitServersUp(INSTANCES, Duration.ofSeconds(30));
            restarts.add(String.format("port %d: exit %d, stopped in %.1f s, back in rotation after %.1f s, %d requests meanwhile",
                    instance.port(), exit, (stopped - stopping) / 1e9, (System.nanoTime() - stopping) / 1e9, load.sent() - before));
            Thread.sleep(500);
        }
        Load.Result result = load.stop();

        restarts.forEach(line -> System.out.println("[ops] restart " + line));
        System.out.printf("[ops] %d requests through HAProxy in %.1f s (%.0f/s) across %d rolling restarts: %d failed %s%n",
                result.requests(), result.seconds(), result.perSecond(), INSTANCES, result.failures(), result.failuresByCause());
        assertTrue(result.requests() >= 200, "too little load to prove anything: " + result.requests());
        assertEquals(0, result.failures(), () -> "failed requests: " + result.failuresByCause());
        long acknowledgedWrites = result.acknowledged().getOrDefault("POST /api/users", 0L);
        long rows = countUsers() - 1; // less the probe that found writes served
        System.out.printf("[ops] %d acknowledged writes, %d rows: %d lost%n", acknowledgedWrites, rows, acknowledgedWrites - rows);
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
     * Reads of the API when it serves them, writes when it serves them, and liveness always (readiness is
     * not a request to balance: a draining instance answers it 503 on purpose). Reads and writes join the
     * load by themselves as soon as the API answers them.
     */
    private List<Load.Request> requests() throws Exception {
        List<Load.Request> requests = new ArrayList<>(List.of(Load.Request.get(haproxy.uri("/q/health/live")), Load.Request.get(haproxy.uri("/q/openapi"))));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (client.send(HttpRequest.newBuilder(haproxy.uri("/api/users")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            requests.add(Load.Request.get(haproxy.uri("/api/users")));
            requests.add(Load.Request.get(URI.create(haproxy.uri("/api/users") + "?include=posts")));
        } else {
            System.out.println("[ops] GET /api/users is not served yet: the load is liveness and the OpenAPI document");
        }
        String probe = "{\"email\":\"probe@example.com\"}";
        HttpRequest write = HttpRequest.newBuilder(haproxy.uri("/api/users")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(probe)).build();
        if (client.send(write, HttpResponse.BodyHandlers.discarding()).statusCode() == 201) {
            requests.add(Load.Request.postJson(haproxy.uri("/api/users"), n -> "{\"email\":\"load" + n + "@example.com\"}", 201));
        } else {
            System.out.println("[ops] POST /api/users is not served yet: no writes in the load");
        }
        return requests;
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
