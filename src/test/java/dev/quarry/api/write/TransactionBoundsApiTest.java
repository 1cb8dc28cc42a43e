package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server's bounds on {@code $transaction}: at most {@code quarry.api.max-transaction-operations} operations
 * (the default, 100), refused before anything runs; a client's {@code timeout} and {@code maxWait} at most the
 * server's; a client's timeout never lifts the statement timeout (2 s here). After every failure, no session of the
 * database is left {@code idle in transaction}.
 */
@QuarkusTest
@TestProfile(TransactionBoundsApiTest.ShortStatements.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "TransactionBoundsApiTest")
        })
class TransactionBoundsApiTest {

    public static final class ShortStatements implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarry.api.statement-timeout", "2s", "quarry.pool.wait-timeout", "5s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void fiveThousandOperationsAreRefusedAtOnceBeforeAnythingRuns() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = send("/api/rpc/$transaction", counts(5000));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "TX BOUNDS: 5,000 operations answered %d after %d ms (%d bytes of body)%n",
                r.statusCode(), millis, counts(5000).length());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"Q134\""), r.body());
        assertTrue(
                r.body().contains("5000 operations")
                        && r.body().contains("maximum of 100")
                        && r.body().contains("quarry.api.max-transaction-operations"),
                r.body());
        assertTrue(millis < 2000, "answered after " + millis + " ms");
        IdleTransactions.assertNone(FreshDatabase.current(), "5,000 operations");
    }

    @Test
    void exactlyTheLimitRunsAndOneMoreIsRefused() throws Exception {
        HttpResponse<String> atLimit = send("/api/rpc/$transaction", counts(100));
        assertEquals(200, atLimit.statusCode(), atLimit.body());
        assertEquals(
                "[" + String.join(",", Collections.nCopies(100, "0")) + "]",
                atLimit.body().replace(" ", ""));

        HttpResponse<String> over = send("/api/rpc/$transaction", counts(101));
        assertEquals(400, over.statusCode(), over.body());
        assertTrue(over.body().contains("\"code\":\"Q134\"") && over.body().contains("101 operations"), over.body());
        // the object form is bounded alike, and names where
        HttpResponse<String> overInObject = send("/api/rpc/$transaction", "{\"operations\":" + counts(101) + "}");
        assertEquals(400, overInObject.statusCode(), overInObject.body());
        assertTrue(overInObject.body().contains("body.operations"), overInObject.body());
        IdleTransactions.assertNone(FreshDatabase.current(), "101 operations");
    }

    @Test
    void clientTimeoutsAboveTheServersAreRefused() throws Exception {
        String ops = "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"count\"}]";
        HttpResponse<String> timeout = send("/api/rpc/$transaction", ops + ",\"timeout\":15001}");
        assertEquals(400, timeout.statusCode(), timeout.body());
        assertTrue(
                timeout.body().contains("quarry.api.max-transaction-timeout")
                        && timeout.body().contains("1 to 15000"),
                timeout.body());
        HttpResponse<String> maxWait = send("/api/rpc/$transaction", ops + ",\"maxWait\":5001}");
        assertEquals(400, maxWait.statusCode(), maxWait.body());
        assertTrue(
                maxWait.body().contains("quarry.pool.wait-timeout")
                        && maxWait.body().contains("1 to 5000"),
                maxWait.body());
        // Prisma's old ceiling, ten minutes, is far above
        assertEquals(
                400, send("/api/rpc/$transaction", ops + ",\"timeout\":600000}").statusCode());
        HttpResponse<String> atBounds = send("/api/rpc/$transaction", ops + ",\"timeout\":15000,\"maxWait\":5000}");
        assertEquals(200, atBounds.statusCode(), atBounds.body());
    }

    /** The statement waits for a row lock: with the client's 15 s it is still cancelled at the service's 2 s. */
    @Test
    void aClientTimeoutNeverLiftsTheStatementTimeout() throws Exception {
        send("/api/rpc/tag/create", "{\"data\":{\"name\":\"locked\"}}");
        String update = "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"create\","
                + "\"args\":{\"data\":{\"name\":\"locked-before\"}}},"
                + "{\"delegate\":\"tag\",\"operation\":\"update\",\"args\":{\"where\":{\"name\":\"locked\"},"
                + "\"data\":{\"name\":\"locked2\"}}}],\"timeout\":15000}";
        HttpResponse<String> r;
        long millis;
        try (Connection lock = TestServer.connect(FreshDatabase.current())) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = 'locked'");
            }
            long start = System.nanoTime();
            r = send("/api/rpc/$transaction", update);
            millis = (System.nanoTime() - start) / 1_000_000;
            lock.rollback();
        }
        System.out.printf(
                "TX BOUNDS: client timeout 15 s, statement timeout 2 s: answered %d after %d ms%n",
                r.statusCode(), millis);
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("statement-timeout"), r.body());
        assertTrue(millis >= 1900 && millis < 6000, "answered after " + millis + " ms");
        assertEquals(
                "0",
                send("/api/rpc/tag/count", "{\"where\":{\"name\":\"locked-before\"}}")
                        .body());
        IdleTransactions.assertNone(FreshDatabase.current(), "a statement timeout");
    }

    @Test
    void failingStepsLeaveNothingBehindAndNoTransactionOpen() throws Exception {
        // a unique violation at the third of five steps
        HttpResponse<String> unique = send(
                "/api/rpc/$transaction",
                "[" + createTag("dup") + "," + createTag("other") + "," + createTag("dup") + "," + createTag("after1")
                        + "," + createTag("after2") + "]");
        assertEquals(409, unique.statusCode(), unique.body());
        assertTrue(unique.body().contains("P2002"), unique.body());
        IdleTransactions.assertNone(FreshDatabase.current(), "a unique violation");
        // a findUniqueOrThrow that finds nothing, after a write
        HttpResponse<String> notFound = send(
                "/api/rpc/$transaction",
                "[" + createTag("dup") + ","
                        + "{\"delegate\":\"tag\",\"operation\":\"findUniqueOrThrow\","
                        + "\"args\":{\"where\":{\"name\":\"nowhere\"}}}]");
        assertEquals(404, notFound.statusCode(), notFound.body());
        IdleTransactions.assertNone(FreshDatabase.current(), "a findUniqueOrThrow");
        // the transaction's own timeout, on a lock
        send("/api/rpc/tag/create", "{\"data\":{\"name\":\"held\"}}");
        try (Connection lock = TestServer.connect(FreshDatabase.current())) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = 'held'");
            }
            HttpResponse<String> timedOut = send(
                    "/api/rpc/$transaction",
                    "{\"operations\":[" + createTag("dup") + ","
                            + "{\"delegate\":\"tag\",\"operation\":\"update\","
                            + "\"args\":{\"where\":{\"name\":\"held\"},"
                            + "\"data\":{\"name\":\"held2\"}}}],\"timeout\":300}");
            assertEquals(408, timedOut.statusCode(), timedOut.body());
            assertTrue(timedOut.body().contains("P2028"), timedOut.body());
            lock.rollback();
        }
        IdleTransactions.assertNone(FreshDatabase.current(), "a transaction timeout");
        assertEquals(
                "0",
                send(
                                "/api/rpc/tag/count",
                                "{\"where\":{\"name\":{\"in\":[\"dup\",\"other\",\"after1\",\"after2\","
                                        + "\"held2\"]}}}")
                        .body());
    }

    /**
     * A client that hangs up while its transaction waits for a lock: the transaction still ends, and its connection
     * comes back.
     */
    @Test
    void aHungUpClientsTransactionEnds() throws Exception {
        send("/api/rpc/tag/create", "{\"data\":{\"name\":\"hang\"}}");
        try (Connection lock = TestServer.connect(FreshDatabase.current())) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = 'hang'");
            }
            try (Socket client = sendAndKeepOpen(
                    "/api/rpc/$transaction",
                    "[" + createTag("hang-before") + ","
                            + "{\"delegate\":\"tag\",\"operation\":\"update\","
                            + "\"args\":{\"where\":{\"name\":\"hang\"},"
                            + "\"data\":{\"name\":\"hang2\"}}}]")) {
                LockWaits.await(lock, 1, "the hung-up transaction");
            }
            Thread.sleep(200);
            lock.commit();
        }
        for (int i = 0;
                i < 50
                        && !"1"
                                .equals(send("/api/rpc/tag/count", "{\"where\":{\"name\":\"hang2\"}}")
                                        .body());
                i++) {
            Thread.sleep(100);
        }
        assertEquals(
                "2",
                send("/api/rpc/tag/count", "{\"where\":{\"name\":{\"in\":[\"hang2\",\"hang-before\"]}}}")
                        .body(),
                "the hung-up client's transaction ran to its end");
        IdleTransactions.assertNone(FreshDatabase.current(), "a client hang-up");
    }

    private static String createTag(String name) {
        return "{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"" + name + "\"}}}";
    }

    /** {@code n} operations counting the users. */
    private static String counts(int n) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append("{\"delegate\":\"user\",\"operation\":\"count\"}");
        }
        return body.append("]").toString();
    }

    private Socket sendAndKeepOpen(String path, String body) throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
