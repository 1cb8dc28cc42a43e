package dev.quarry.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import dev.quarry.runtime.ops.Reads;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * QUARRY_READ_DATABASE_URL gives reads a pool of their own (here a second database stands for the replica, with
 * rows of its own so that an answer tells which database it came from), and the primary pool is the one
 * {@code TunedPoolCreator} built: one connection, a short wait.
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
    // qualified: the Vert.x core Pool is imported
    io.vertx.mutiny.sqlclient.Pool mutinyRead;

    @Test
    void readsGoToTheReplicaAndEverythingElseToThePrimary() throws Exception {
        String primaryDatabase = currentDatabase(primary);
        String readDatabase = currentDatabase(read);
        assertNotEquals(primaryDatabase, readDatabase);
        assertTrue(readDatabase.contains("replica"), readDatabase);
        assertEquals(
                readDatabase,
                mutinyRead
                        .query("SELECT current_database()")
                        .execute()
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getString(0));
    }

    @Test
    void anExhaustedPrimaryPoolFailsFastAsUnavailable() throws Exception {
        SqlConnection held = primary.getConnection()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        try {
            long started = System.nanoTime();
            ExecutionException failure =
                    Assertions.assertThrows(ExecutionException.class, () -> currentDatabase(primary));
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(
                    waitedMillis >= 250 && waitedMillis < 3000,
                    "waited " + waitedMillis + " ms for quarry.pool.wait-timeout=300ms");
            assertTrue(DatabaseAvailability.isUnavailable(failure), failure::toString);
        } finally {
            held.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theApiReadsFromTheReplicaAndWritesToThePrimary() throws Exception {
        given().get("/api/users").then().statusCode(200).body("email", contains("on-replica@example.com"));
        given().body("{\"where\":{\"email\":{\"startsWith\":\"on-\"}}}")
                .contentType(ContentType.JSON)
                .post("/api/rpc/user/count")
                .then()
                .statusCode(200)
                .body(equalTo("1"));
        given().body("{\"email\":\"written@example.com\"}")
                .contentType(ContentType.JSON)
                .post("/api/users")
                .then()
                .statusCode(201);
        assertEquals(List.of("on-primary@example.com", "written@example.com"), emails(PrimaryAndReplica.primary));
        assertEquals(List.of("on-replica@example.com"), emails(PrimaryAndReplica.replica));
        // the replica has not caught up: a read does not see the write, as with a lagging replica
        given().get("/api/users").then().statusCode(200).body("email", contains("on-replica@example.com"));
    }

    private static List<String> emails(DatabaseUrl database) throws Exception {
        List<String> emails = new ArrayList<>();
        try (var connection = TestServer.connect(database);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT \"email\" FROM \"User\" ORDER BY \"email\"")) {
            while (rows.next()) {
                emails.add(rows.getString(1));
            }
        }
        return emails;
    }

    private static String currentDatabase(SqlClient client) throws Exception {
        return client.query("SELECT current_database()")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
    }

    public static final class PrimaryAndReplica implements QuarkusTestResourceLifecycleManager {
        static DatabaseUrl primary;
        static DatabaseUrl replica;

        @Override
        public Map<String, String> start() {
            primary = TestServer.createDatabase("primary");
            replica = TestServer.createDatabase("replica");
            for (DatabaseUrl database : List.of(primary, replica)) {
                FreshDatabase.createTables(database, "schema.prisma");
            }
            TestServer.execute(
                    primary,
                    "INSERT INTO \"User\" (\"id\", \"email\", \"updatedAt\") VALUES ('p1', "
                            + "'on-primary@example.com', now())");
            TestServer.execute(
                    replica,
                    "INSERT INTO \"User\" (\"id\", \"email\", \"updatedAt\") VALUES ('r1', "
                            + "'on-replica@example.com', now())");
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
