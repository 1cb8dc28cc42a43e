package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code $transaction}'s {@code maxWait} against an exhausted pool: with both of the pool's two connections held by
 * transactions waiting for a row lock, a transaction that may wait 500 ms for a connection is answered P2024 (503)
 * after about that long, and takes no connection with it: once the lock is gone, both connections serve again.
 */
@QuarkusTest
@TestProfile(HungUpClientsApiTest.TwoConnections.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "MaxWaitApiTest")
        })
class MaxWaitApiTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aTransactionWhoseMaxWaitElapsesIsP2024AndLeaksNoConnection() throws Exception {
        assertEquals(200, send(rename("held", "held", "")).statusCode());
        // both connections open first: the test is about waiting for a busy pool, not about opening connections
        IntStream.range(0, 4)
                .mapToObj(i -> sendAsync(rename("held", "held", "")))
                .toList()
                .forEach(CompletableFuture::join);
        for (int round = 1; round <= 2; round++) {
            try (Connection lock = TestServer.connect(FreshDatabase.current())) {
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = 'held'");
                }
                List<CompletableFuture<HttpResponse<String>>> holders = IntStream.range(0, 2)
                        .mapToObj(i -> sendAsync(rename("held", "held", ",\"maxWait\":5000,\"timeout\":15000")))
                        .toList();
                // a leaked connection from round 1 would leave one of round 2's holders without a connection
                LockWaits.await(lock, 2, "round " + round);

                long start = System.nanoTime();
                HttpResponse<String> waited = send(rename("held", "never", ",\"maxWait\":500"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(
                        "MAX WAIT: round %d, maxWait 500 ms, answered %d after %d ms%n",
                        round, waited.statusCode(), millis);
                assertEquals(503, waited.statusCode(), waited.body());
                assertTrue(waited.body().contains("\"code\":\"P2024\""), waited.body());
                assertTrue(millis >= 450 && millis < 3000, "answered after " + millis + " ms, maxWait 500");

                lock.commit();
                for (CompletableFuture<HttpResponse<String>> holder : holders) {
                    assertEquals(200, holder.join().statusCode(), holder.join().body());
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    200,
                    send(rename("held", "held", ",\"maxWait\":500")).statusCode(),
                    "transaction " + i + " after the waits");
        }
        assertEquals(
                "0",
                send("/api/rpc/tag/count", "{\"where\":{\"name\":\"never\"}}").body());
    }

    /** A {@code $transaction} renaming the tag {@code from}, which creates it first when it is missing. */
    private static String rename(String from, String to, String options) {
        return "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"upsert\",\"args\":{\"where\":{\"name\":\"" + from
                + "\"},\"create\":{\"name\":\"" + to + "\"},\"update\":{\"name\":\"" + to + "\"}}}]" + options + "}";
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String transaction) {
        return http.sendAsync(request("/api/rpc/$transaction", transaction), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String transaction) throws Exception {
        return http.send(request("/api/rpc/$transaction", transaction), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    }
}
