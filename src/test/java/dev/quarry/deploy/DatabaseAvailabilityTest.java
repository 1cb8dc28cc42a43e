package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.ops.PoolTuning;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each failure is produced for real against PostgreSQL (or a port where none listens), then classified. */
class DatabaseAvailabilityTest {

    private static Vertx vertx;
    private static DatabaseUrl database;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        database = TestServer.createDatabase("availability");
        TestServer.execute(
                database,
                "CREATE TABLE \"User\" (\"email\" text PRIMARY KEY); INSERT INTO \"User\" VALUES "
                        + "('a@example.com')");
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestServer.dropDatabase(database);
    }

    @Test
    void aDatabaseThatIsDownIsUnavailable() throws Exception {
        DatabaseUrl nowhere = new DatabaseUrl(
                "127.0.0.1", Tools.freePort(), "quarry", "postgres", Optional.empty(), "public", Map.of());
        Throwable failure = failureOf(pool(nowhere, 1, -1, Duration.ofSeconds(5)), "SELECT 1");
        assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
    }

    @Test
    void aServerOutOfConnectionsIsUnavailable() throws Exception {
        String role = "quarry_limited_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.execute(TestServer.admin(), "CREATE ROLE " + role + " LOGIN CONNECTION LIMIT 1");
        try {
            DatabaseUrl limited = new DatabaseUrl(
                    database.host(), database.port(), database.database(), role, Optional.empty(), "public", Map.of());
            Pool first = pool(limited, 1, -1, Duration.ofSeconds(5));
            SqlConnection held = await(first.getConnection());
            Throwable failure = failureOf(pool(limited, 1, -1, Duration.ofSeconds(5)), "SELECT 1");
            await(held.close());
            assertTrue(failure.getMessage().contains("too many connections"), failure::toString);
            assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
        } finally {
            TestServer.execute(TestServer.admin(), "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aConnectionTheServerTerminatedIsUnavailable() throws Exception {
        Pool pool = pool(database, 1, -1, Duration.ofSeconds(5));
        SqlConnection connection = await(pool.getConnection());
        int pid = await(connection.query("SELECT pg_backend_pid()").execute())
                .iterator()
                .next()
                .getInteger(0);
        Future<?> inFlight = connection.query("SELECT pg_sleep(10)").execute();
        awaitRunning(pid, "SELECT pg_sleep(10)");
        TestServer.execute(database, "SELECT pg_terminate_backend(" + pid + ")");
        Throwable duringQuery = failureOf(inFlight);
        Throwable afterwards = failureOf(connection.query("SELECT 1").execute());
        assertTrue(DatabaseAvailability.isUnavailable(duringQuery), duringQuery::toString);
        assertTrue(DatabaseAvailability.isUnavailable(afterwards), afterwards::toString);
    }

    /** Waits (at most 10 s) until PostgreSQL runs {@code query} on backend {@code pid}. */
    private void awaitRunning(int pid, String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (var connection = TestServer.connect(database);
                var statement = connection.prepareStatement(
                        "SELECT 1 FROM pg_stat_activity WHERE pid = ? AND state = 'active' AND query = ?")) {
            statement.setInt(1, pid);
            statement.setString(2, query);
            while (true) {
                try (var rows = statement.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("backend " + pid + " did not start " + query + " within 10 s");
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void aPoolWithAFullQueueIsUnavailable() throws Exception {
        Pool pool = pool(database, 1, 0, Duration.ofSeconds(5));
        SqlConnection held = await(pool.getConnection());
        Throwable failure = failureOf(pool, "SELECT 1");
        await(held.close());
        assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
    }

    @Test
    void aRequestThatWaitedItsWholeTimeoutIsUnavailable() throws Exception {
        Pool pool = pool(database, 1, -1, Duration.ofMillis(200));
        SqlConnection held = await(pool.getConnection());
        long started = System.nanoTime();
        Throwable failure = failureOf(pool, "SELECT 1");
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        await(held.close());
        assertTrue(waitedMillis < 2000, "waited " + waitedMillis + " ms");
        assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
        assertTrue(
                DatabaseAvailability.isUnavailable(new CompletionException(failure)),
                "a wrapped failure is looked through");
    }

    @Test
    void theRequestsOwnFaultsAreNot() throws Exception {
        Pool pool = pool(database, 2, -1, Duration.ofSeconds(5));
        Throwable syntax = failureOf(pool, "SELEC 1");
        Throwable duplicate = failureOf(pool, "INSERT INTO \"User\" VALUES ('a@example.com')");
        Throwable noDatabase = failureOf(
                pool(database.withDatabase("quarry_no_such_database"), 1, -1, Duration.ofSeconds(5)), "SELECT 1");
        for (Throwable failure :
                new Throwable[] {syntax, duplicate, noDatabase, new IllegalArgumentException("bad filter")}) {
            assertFalse(DatabaseAvailability.isUnavailable(failure), failure::toString);
        }
    }

    private static Pool pool(DatabaseUrl url, int size, int queue, Duration wait) {
        PoolTuning tuning = new PoolTuning(queue, wait, false, Duration.ZERO, Duration.ZERO, false);
        PgConnectOptions options = PgConnectOptions.fromUri(url.reactiveUrl()).setUser(url.user());
        url.password().ifPresent(options::setPassword);
        return PgBuilder.pool()
                .with(tuning.apply(new PoolOptions().setMaxSize(size)))
                .connectingTo(tuning.apply(options))
                .using(vertx)
                .build();
    }

    private static Throwable failureOf(SqlClient client, String sql) throws Exception {
        return failureOf(client.query(sql).execute());
    }

    private static Throwable failureOf(Future<?> statement) throws Exception {
        try {
            await(statement);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the statement succeeded");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
