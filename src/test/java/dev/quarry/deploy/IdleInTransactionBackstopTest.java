package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.ops.PoolTuning;
import dev.quarry.testsupport.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backstop of {@code quarry.api.idle-in-transaction-timeout}: a connection of a pool built with Quarry's
 * {@link PoolTuning} that is left inside an open transaction is ended by PostgreSQL after the timeout, so it can
 * hold neither locks nor a server slot for good; and no such start-up parameter goes to PgBouncer.
 */
class IdleInTransactionBackstopTest {

    private static DatabaseUrl database;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        database = TestServer.createDatabase("idlebackstop");
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestServer.dropDatabase(database);
    }

    @Test
    void aConnectionLeftInATransactionIsEndedByPostgres() throws Exception {
        PoolTuning tuning = new PoolTuning(
                -1, Duration.ofSeconds(10), false, Duration.ofSeconds(30), Duration.ofMillis(500), false);
        PgConnectOptions options =
                PgConnectOptions.fromUri(database.reactiveUrl()).setUser(database.user());
        database.password().ifPresent(options::setPassword);
        Pool pool = PgBuilder.pool()
                .with(tuning.apply(new PoolOptions().setMaxSize(1)))
                .connectingTo(tuning.apply(options))
                .using(vertx)
                .build();
        try {
            SqlConnection connection = await(pool.getConnection());
            await(connection.query("BEGIN").execute());
            String setting = await(connection
                            .query("SHOW idle_in_transaction_session_timeout")
                            .execute())
                    .iterator()
                    .next()
                    .getString(0);
            assertEquals("500ms", setting);
            assertEquals(
                    "off",
                    await(connection.query("SHOW jit").execute())
                            .iterator()
                            .next()
                            .getString(0),
                    "jit is off unless quarry.database.jit");
            Thread.sleep(1500);
            ExecutionException ended = assertThrows(
                    ExecutionException.class,
                    () -> await(connection.query("SELECT 1").execute()));
            System.out.println("IDLE BACKSTOP: after 1.5 s idle in transaction: " + ended.getCause());
            connection.close();
            // the pool opens a fresh connection in its place
            assertEquals(1, (int)
                    await(pool.query("SELECT 1").execute()).iterator().next().getInteger(0));
        } finally {
            await(pool.close());
        }
    }

    @Test
    void pgBouncerGetsNoStartUpParameters() {
        PoolTuning tuning =
                new PoolTuning(-1, Duration.ofSeconds(10), true, Duration.ofSeconds(30), Duration.ofSeconds(60), false);
        PgConnectOptions options = tuning.apply(new PgConnectOptions());
        assertTrue(
                options.getProperties().keySet().stream().noneMatch(k -> k.contains("timeout") || k.equals("jit")),
                options.getProperties().toString());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
