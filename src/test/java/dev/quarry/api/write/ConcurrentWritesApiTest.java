package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Races: parallel requests through the real server, each its own transaction. */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "ConcurrentWritesApiTest")
        }) // a database of its own: classes with equal resources would share one
class ConcurrentWritesApiTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return b.build();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body, Map.of()), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code n} requests at once; the status codes, counted. */
    private Map<Integer, Long> race(int n, Function<Integer, HttpRequest> request) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream()
                .map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    @Test
    void fiftyCreatesWithTheSameEmailGiveOneCreatedAndFortyNineConflicts() throws Exception {
        Map<Integer, Long> statuses = race(
                50, i -> request("POST", "/api/users", "{\"email\":\"same@x.io\",\"name\":\"n" + i + "\"}", Map.of()));
        assertEquals(Map.of(201, 1L, 409, 49L), statuses);
        assertEquals(
                "1",
                send("POST", "/api/rpc/user/count", "{\"where\":{\"email\":\"same@x.io\"}}")
                        .body());
    }

    @Test
    void twoHundredIncrementsRaiseTheCounterByExactlyTwoHundred() throws Exception {
        String id = send(
                        "POST",
                        "/api/rpc/user/create",
                        "{\"data\":{\"email\":\"counter@x.io\"},\"select\":{\"id\":true}}")
                .body()
                .replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        Map<Integer, Long> statuses =
                race(200, i -> request("PATCH", "/api/users/" + id, "{\"counter\":{\"increment\":1}}", Map.of()));
        assertEquals(Map.of(200, 200L), statuses);
        String body = send(
                        "POST",
                        "/api/rpc/user/findUnique",
                        "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}")
                .body();
        assertEquals("{\"counter\" : 200}", body);
    }

    @Test
    void parallelConnectOrCreateOfOneTagMakesOneTag() throws Exception {
        Map<Integer, Long> statuses = race(
                30,
                i -> request(
                        "POST",
                        "/api/rpc/post/create",
                        "{\"data\":{\"title\":\"race" + i
                                + "\",\"tags\":{\"connectOrCreate\":{\"where\":{\"name\":\"hot\"},"
                                + "\"create\":{\"name\":\"hot\"}}}}}",
                        Map.of()));
        assertEquals(Map.of(200, 30L), statuses);
        assertEquals(
                "1",
                send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":\"hot\"}}")
                        .body());
        assertEquals(
                "30",
                send("POST", "/api/rpc/post/count", "{\"where\":{\"tags\":{\"some\":{\"name\":\"hot\"}}}}")
                        .body());
    }

    @Test
    void ifMatchRacesHaveExactlyOneWinner() throws Exception {
        HttpResponse<String> created = send("POST", "/api/users", "{\"email\":\"etag@x.io\"}");
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String etag = created.headers().firstValue("ETag").orElseThrow();
        Map<Integer, Long> statuses = race(
                20,
                i -> request(
                        "PATCH",
                        "/api/users/" + id,
                        "{\"name\":\"w" + i + "\",\"counter\":{\"increment\":1}}",
                        Map.of("If-Match", etag)));
        assertEquals(Map.of(200, 1L, 412, 19L), statuses);
        String body = send(
                        "POST",
                        "/api/rpc/user/findUnique",
                        "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}")
                .body();
        assertEquals("{\"counter\" : 1}", body);
        Map<Integer, Long> deletes =
                race(10, i -> request("DELETE", "/api/users/" + id, null, Map.of("If-Match", etag)));
        assertEquals(Map.of(412, 10L), deletes);
    }

    @Test
    void parallelUpsertsOfOneKeyCreateOnce() throws Exception {
        Map<Integer, Long> statuses = race(
                20,
                i -> request(
                        "POST",
                        "/api/rpc/tag/upsert",
                        "{\"where\":{\"name\":\"ups\"},\"create\":{\"name\":\"ups\"},\"update\":{}}",
                        Map.of()));
        assertEquals(Map.of(200, 20L), statuses);
        assertEquals(
                "1",
                send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":\"ups\"}}")
                        .body());
    }

    /** Holds a row lock on the tag {@code name} from a second connection, until {@code release} runs. */
    private void whileTagLocked(String name, String txBody, Consumer<HttpResponse<String>> check) throws Exception {
        try (Connection c = TestServer.connect(FreshDatabase.current())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = '" + name + "'");
            }
            CompletableFuture<HttpResponse<String>> response = http.sendAsync(
                    request("POST", "/api/rpc/$transaction", txBody, Map.of()), HttpResponse.BodyHandlers.ofString());
            LockWaits.await(c, 1, "the request");
            c.commit();
            check.accept(response.join());
        }
    }

    private static String renameTag(String from, String to, String options) {
        return "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"update\",\"args\":{\"where\":{\"name\":\"" + from
                + "\"},\"data\":{\"name\":\"" + to + "\"}}}]" + options + "}";
    }

    @Test
    void aConcurrentUpdateUnderRepeatableReadIsP2034AndLeavesNothing() throws Exception {
        send("POST", "/api/rpc/tag/create", "{\"data\":{\"name\":\"iso\"}}");
        whileTagLocked("iso", renameTag("iso", "iso2", ",\"isolationLevel\":\"RepeatableRead\""), r -> {
            assertEquals(409, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"P2034\""), r.body());
        });
        // under Quarry's default (read committed) the same race waits and then succeeds
        whileTagLocked("iso", renameTag("iso", "iso3", ""), r -> assertEquals(200, r.statusCode(), r.body()));
        assertEquals(
                "0",
                send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":\"iso2\"}}")
                        .body());
    }

    @Test
    void aTransactionOverItsTimeoutIsRolledBackWithP2028() throws Exception {
        send("POST", "/api/rpc/tag/create", "{\"data\":{\"name\":\"slow\"}}");
        try (Connection c = TestServer.connect(FreshDatabase.current())) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE \"Tag\" SET name = name WHERE name = 'slow'");
            }
            String body = "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"create\","
                    + "\"args\":{\"data\":{\"name\":\"slow-before\"}}},"
                    + "{\"delegate\":\"tag\",\"operation\":\"update\",\"args\":{\"where\":{\"name\":\"slow\"},"
                    + "\"data\":{\"name\":\"slow2\"}}}],\"timeout\":300,\"maxWait\":5000}";
            HttpResponse<String> r = send("POST", "/api/rpc/$transaction", body);
            assertEquals(408, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"code\":\"P2028\""), r.body());
            c.rollback();
        }
        assertEquals(
                "0",
                send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":{\"startsWith\":\"slow-\"}}}")
                        .body());
    }

    @Test
    void transactionOptionsAreChecked() throws Exception {
        String ops = "{\"operations\":[]";
        for (String bad : List.of(
                ",\"isolationLevel\":\"Snapshot\"}", ",\"timeout\":-1}", ",\"maxWait\":\"soon\"}", ",\"retries\":1}")) {
            HttpResponse<String> r = send("POST", "/api/rpc/$transaction", ops + bad);
            assertEquals(400, r.statusCode(), r.body());
        }
        assertEquals(
                200,
                send(
                                "POST",
                                "/api/rpc/$transaction",
                                ops + ",\"isolationLevel\":\"Serializable\",\"timeout\":5000,\"maxWait\":2000}")
                        .statusCode());
    }
}
