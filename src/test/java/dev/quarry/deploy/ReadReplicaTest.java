package dev.quarry.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import dev.quarry.runtime.ops.DatabaseAvailability;
import dev.quarry.runtime.ops.Reads;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * QUARRY_READ_DATABASE_URL gives reads a pool of their own (here a second database stands for the replica),
 * and the primary pool is the one {@code TunedPoolCreator} built: one connection, a short wait.
 */
@QuarkusTest
@WithTestResource(ReadReplicaTest.PrimaryAndReplica.class)
class ReadReplicaTest {

    @Inject
    Pool primary;

    @Inject
    @Reads
    Pool read;

    @Inject
    @Reads
    io.vertx.mutiny.sqlclient.Pool mutinyRead;

    @Test
    void readsGoToTheReplicaAndEverythingElseToThePrimary() throws Exception {
        String primaryDatabase = currentDatabase(primary);
        String readDatabase = currentDatabase(read);
        assertNotEquals(primaryDatabase, readDatabase);
        assertTrue(readDatabase.contains("replica"), readDatabase);
        assertEquals(readDatabase, mutinyRead.query("SELECT current_database()").execute().await().indefinitely().iterator().next().getString(0));
    }

    @Test
    void anExhaustedPrimaryPoolFailsFastAsUnavailable() throws Exception {
        SqlConnection held = primary.getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            long started = System.nanoTime();
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> currentDatabase(primary));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waitedMillis >= 250 && waitedMillis < 3000, "waited " + waitedMillis + " ms for quarry.pool.wait-timeout=300ms");
            assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
        } finally {
            held.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static String currentDatabase(SqlClient client) throws Exception {
        return client.query("SELECT current_database()").execute().toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).iterator().next().getString(0);
    }

    public static final class PrimaryAndReplica implements QuarkusTestResourceLifecycleManager {
        private DatabaseUrl primary;
        private DatabaseUrl replica;

        @Override
        public Map<String, String> start() {
            primary = TestServer.createDatabase("primary");
            replica = TestServer.createDatabase("replica");
            Map<String, String> config = new HashMap<>(DatabaseUrlConfigSourceFactory.datasourceProperties(primary));
            config.put("quarry.schema.path", "classpath:schema.prisma");
            config.put("quarry.read-database-url", replica.toPrismaUrl());
            config.put("quarkus.datasource.reactive.max-size", "1");
            config.put("quarry.pool.wait-timeout", "300ms");
            config.put("quarkus.datasource.health.enabled", "false");
            return config;
        }

        @Override
        public void stop() {
            TestServer.dropDatabase(primary);
            TestServer.dropDatabase(replica);
        }
    }
}
