package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Eight simultaneous writes as the first requests of a cold pool of two connections, on a row another transaction
 * holds locked: the pool opens its second connection, two writes wait for the lock on the two connections, and all
 * eight finish once the lock is gone. (A "stall" seen here once was the test's own view of the database, frozen by
 * PostgreSQL for the length of the transaction that read it: see {@link LockWaits}.)
 */
@QuarkusTest
@TestProfile(HungUpClientsApiTest.TwoConnections.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "ColdPoolApiTest")
        })
class ColdPoolApiTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void simultaneousWritesOnAColdPoolAllGetAConnection() throws Exception {
        HttpResponse<String> created = send(
                        "POST", "/api/rpc/user/create", "{\"data\":{\"email\":\"cold@x.io\"},\"select\":{\"id\":true}}")
                .join();
        assertEquals(200, created.statusCode(), created.body());
        String id = created.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        int writes = 8;
        List<CompletableFuture<HttpResponse<String>>> responses;
        try (Connection lock = TestServer.connect(FreshDatabase.current())) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.executeUpdate("UPDATE \"User\" SET counter = counter WHERE id = '" + id + "'");
            }
            responses = IntStream.range(0, writes)
                    .mapToObj(i -> send("PATCH", "/api/users/" + id, "{\"counter\":{\"increment\":1}}"))
                    .toList();
            LockWaits.await(lock, 2, "the writes on a cold pool");
            lock.commit();
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertEquals(200, response.join().statusCode(), response.join().body());
        }
        HttpResponse<String> counter = send(
                        "POST",
                        "/api/rpc/user/findUnique",
                        "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}")
                .join();
        assertEquals("{\"counter\" : " + writes + "}", counter.body());
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
