package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Races: parallel requests through the real server, each its own transaction. */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = {
        @ResourceArg(name = "schema", value = "write/shop.prisma"),
        @ResourceArg(name = "sql", value = "write/shop.sql"),
        @ResourceArg(name = "purpose", value = "ConcurrentWritesApiTest")})  // a database of its own: classes with equal resources would share one
class ConcurrentWritesApiTest {

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
        return futures.stream().map(CompletableFuture::join).collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }

    @Test
    void fiftyCreatesWithTheSameEmailGiveOneCreatedAndFortyNineConflicts() throws Exception {
        Map<Integer, Long> statuses = race(50, i -> request("POST", "/api/users", "{\"email\":\"same@x.io\",\"name\":\"n" + i + "\"}", Map.of()));
        assertEquals(Map.of(201, 1L, 409, 49L), statuses);
        assertEquals("1", send("POST", "/api/rpc/user/count", "{\"where\":{\"email\":\"same@x.io\"}}").body());
    }

    @Test
    void twoHundredIncrementsRaiseTheCounterByExactlyTwoHundred() throws Exception {
        String id = send("POST", "/api/rpc/user/create", "{\"data\":{\"email\":\"counter@x.io\"},\"select\":{\"id\":true}}").body()
                .replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        Map<Integer, Long> statuses = race(200, i -> request("PATCH", "/api/users/" + id, "{\"counter\":{\"increment\":1}}", Map.of()));
        assertEquals(Map.of(200, 200L), statuses);
        String body = send("POST", "/api/rpc/user/findUnique", "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}").body();
        assertEquals("{\"counter\" : 200}", body);
    }

    @Test
    void parallelConnectOrCreateOfOneTagMakesOneTag() throws Exception {
        Map<Integer, Long> statuses = race(30, i -> request("POST", "/api/rpc/post/create",
                "{\"data\":{\"title\":\"race" + i + "\",\"tags\":{\"connectOrCreate\":{\"where\":{\"name\":\"hot\"},\"create\":{\"name\":\"hot\"}}}}}", Map.of()));
        assertEquals(Map.of(200, 30L), statuses);
        assertEquals("1", send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":\"hot\"}}").body());
        assertEquals("30", send("POST", "/api/rpc/post/count", "{\"where\":{\"tags\":{\"some\":{\"name\":\"hot\"}}}}").body());
    }

    @Test
    void ifMatchRacesHaveExactlyOneWinner() throws Exception {
        HttpResponse<String> created = send("POST", "/api/users", "{\"email\":\"etag@x.io\"}");
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String etag = created.headers().firstValue("ETag").orElseThrow();
        Map<Integer, Long> statuses = race(20, i -> request("PATCH", "/api/users/" + id, "{\"name\":\"w" + i + "\",\"counter\":{\"increment\":1}}",
                Map.of("If-Match", etag)));
        assertEquals(Map.of(200, 1L, 412, 19L), statuses);
        String body = send("POST", "/api/rpc/user/findUnique", "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}").body();
        assertEquals("{\"counter\" : 1}", body);
        Map<Integer, Long> deletes = race(10, i -> request("DELETE", "/api/users/" + id, null, Map.of("If-Match", etag)));
        assertEquals(Map.of(412, 10L), deletes);
    }

    @Test
    void parallelUpsertsOfOneKeyCreateOnce() throws Exception {
        Map<Integer, Long> statuses = race(20, i -> request("POST", "/api/rpc/tag/upsert",
                "{\"where\":{\"name\":\"ups\"},\"create\":{\"name\":\"ups\"},\"update\":{}}", Map.of()));
        assertEquals(Map.of(200, 20L), statuses);
        assertEquals("1", send("POST", "/api/rpc/tag/count", "{\"where\":{\"name\":\"ups\"}}").body());
    }
}
