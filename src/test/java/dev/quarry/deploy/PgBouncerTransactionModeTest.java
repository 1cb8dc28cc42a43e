package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.ops.PoolTuning;
import dev.quarry.testsupport.PgBouncer;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x client through PgBouncer 1.18 in transaction mode: eight client connections share two
 * server connections, so consecutive statements of one client connection land on different servers.
 */
@Tag("ops")
class PgBouncerTransactionModeTest {

    private static final int STATEMENTS = 600;
    private static final List<String> QUERIES = List.of(
            "SELECT \"id\", \"email\" FROM \"User\" WHERE \"id\" = $1",
            "SELECT count(*)::int FROM \"User\" WHERE \"email\" LIKE $1",
            "SELECT json_agg(u) FROM (SELECT \"id\" FROM \"User\" WHERE \"active\" = $1 ORDER BY \"id\" "
                    + "LIMIT 5) u");

    private static DatabaseUrl database;
    private static PgBouncer pgBouncer;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        Path executable = Tools.requireProgram("pgbouncer", "pgbouncer");
        database = TestServer.createDatabase("pgbouncer");
        TestServer.execute(database, """
                CREATE TABLE "User" ("id" text PRIMARY KEY, "email" text NOT NULL UNIQUE, "active" boolean NOT \
                NULL DEFAULT true);
                INSERT INTO "User" SELECT 'u' || i, 'user' || i || '@example.com', i % 2 = 0 \
                FROM generate_series(1, 50) i;
                """);
        pgBouncer = PgBouncer.start(executable, TestServer.admin(), 2);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (pgBouncer != null) {
            pgBouncer.close();
        }
        if (database != null) {
            TestServer.dropDatabase(database);
        }
    }

    @Test
    void parameterisedStatementsAllSucceedWithQuarrysPgBouncerSwitch() throws Exception {
        PoolTuning tuning = new PoolTuning(-1, Duration.ofSeconds(10), true, Duration.ZERO, Duration.ZERO, false);
        List<Throwable> failures = run(tuning);
        assertEquals(
                List.of(), failures.stream().map(Throwable::toString).distinct().toList());
    }

    /** The switch is needed: with named, cached statements the same load fails on PgBouncer 1.18. */
    @Test
    void namedCachedStatementsBreakWithoutTheSwitch() throws Exception {
        // jit on: no start-up parameter at all, so that only the named statements can break
        PoolTuning tuning = new PoolTuning(-1, Duration.ofSeconds(10), false, Duration.ZERO, Duration.ZERO, true);
        List<Throwable> failures = run(tuning);
        assertTrue(
                failures.stream().anyMatch(f -> String.valueOf(f.getMessage()).contains("prepared statement")),
                () -> "expected 'prepared statement … does not exist' failures, got "
                        + failures.stream().map(Throwable::toString).distinct().toList());
    }

    private List<Throwable> run(PoolTuning tuning) throws Exception {
        DatabaseUrl front = pgBouncer.front(database);
        PgConnectOptions options = PgConnectOptions.fromUri(front.reactiveUrl())
                .setUser(front.user())
                .setCachePreparedStatements(true);
        front.password().ifPresent(options::setPassword);
        Pool pool = PgBuilder.pool()
                .with(tuning.apply(new PoolOptions().setMaxSize(8)))
                .connectingTo(tuning.apply(options))
                .using(vertx)
                .build();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rows = new AtomicInteger();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < STATEMENTS; i++) {
                int kind = i % QUERIES.size();
                Tuple arguments = switch (kind) {
                    case 0 -> Tuple.of("u" + (i % 50 + 1));
                    case 1 -> Tuple.of("user" + (i % 9) + "%");
                    default -> Tuple.of(i % 2 == 0);
                };
                all.add(pool.preparedQuery(QUERIES.get(kind))
                        .execute(arguments)
                        .onSuccess(result -> {
                            for (Row ignored : result) {
                                rows.incrementAndGet();
                            }
                        })
                        .onFailure(failures::add));
            }
            Future.join(new ArrayList<>(all))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .exceptionally(f -> null)
                    .get(60, TimeUnit.SECONDS);
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.out.printf(
                "[ops] pgbouncer transaction mode, %s: %d statements, %d rows, %d failures%n",
                tuning.behindPgBouncer() ? "QUARRY_PGBOUNCER=true" : "named cached statements",
                STATEMENTS,
                rows.get(),
                failures.size());
        return failures;
    }
}
