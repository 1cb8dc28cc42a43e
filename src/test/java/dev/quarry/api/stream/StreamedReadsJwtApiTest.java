package dev.quarry.api.stream;

import static dev.quarry.api.stream.Lines.enc;
import static dev.quarry.api.stream.Lines.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.security.JwtMode;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Streams and bulk imports in jwt mode run as the request's role (row-level security decides which rows a stream
 * holds, and which rows an import may write: all of them, or it writes none), and a stream that outlives {@code
 * quarry.stream.timeout} (here, because its client stopped reading) ends with a {@code Q161} problem line and gives
 * its connection back.
 */
@QuarkusTest
@TestProfile(StreamedReadsJwtApiTest.ShortStreams.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "stream/stream.prisma"),
            @ResourceArg(name = "sql", value = "stream/stream-jwt.sql"),
            @ResourceArg(name = "purpose", value = "StreamedReadsJwtApiTest")
        })
@WithTestResource(
        value = JwtMode.class,
        initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_stream_reader"))
class StreamedReadsJwtApiTest {

    public static final class ShortStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarry.stream.timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void aStreamRunsAsTheRequestsRole() throws Exception {
        HttpResponse<String> ndjson = http.send(
                HttpRequest.newBuilder(
                                URI.create(base + "api/items?select=id&filter=" + enc("{\"id\":{\"lte\":30000}}")))
                        .header("Accept", "application/x-ndjson")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ndjson.statusCode(), ndjson.body());
        List<Integer> ids =
                ndjson.body().lines().map(l -> read(l).get("id").asInt()).toList();
        assertEquals(15_000, ids.size());
        assertTrue(ids.stream().allMatch(id -> id % 2 == 0), "only the rows the role's policy shows");

        HttpResponse<String> csv = http.send(
                HttpRequest.newBuilder(URI.create(
                                base + "api/items?select=id&orderBy=id&filter=" + enc("{\"id\":{\"lte\":10}}")))
                        .header("Accept", "text/csv")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("id\r\n2\r\n4\r\n6\r\n8\r\n10\r\n", csv.body());
    }

    @Test
    void aBulkImportRunsAsTheRequestsRole() throws Exception {
        HttpResponse<String> allowed = importItems("{\"id\":200002,\"name\":\"a\"}\n{\"id\":200004,\"name\":\"b\"}\n");
        assertEquals(201, allowed.statusCode(), allowed.body());
        assertEquals("{\"count\":2}", allowed.body());

        // the policy lets the role insert even ids only: one odd record refuses the whole import
        HttpResponse<String> refused =
                importItems("{\"id\":200006,\"name\":\"c\"}\n{\"id\":200007,\"name\":\"d\"}\n{\"id\":200008,"
                        + "\"name\":\"e\"}\n");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("row-level security"), refused.body());
        try (Connection c = TestServer.connect(FreshDatabase.current());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT string_agg(id::text, ',' ORDER BY id) FROM \"Item\" WHERE id > 200000")) {
            rs.next();
            assertEquals("200002,200004", rs.getString(1), "nothing of the refused import was written");
        }
    }

    private HttpResponse<String> importItems(String ndjson) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "api/items/bulk"))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(ndjson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStreamPastItsTimeoutEndsWithAProblemLine() throws Exception {
        String received;
        try (Socket client = new Socket(base.getHost(), base.getPort())) {
            client.getOutputStream()
                    .write(("GET /api/items?orderBy=id HTTP/1.1\r\nHost: localhost\r\nAccept: "
                                    + "application/x-ndjson\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            String head = new String(in.readNBytes(32 * 1024), StandardCharsets.UTF_8);
            assertTrue(head.startsWith("HTTP/1.1 200"), head.substring(0, 100));
            Thread.sleep(2500);
            client.setSoTimeout(20_000);
            received = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the stream did not end after its timeout", e);
        }
        int at = received.indexOf("{\"$problem\"");
        assertTrue(
                at > 0,
                "no problem line; the stream ended with: " + received.substring(Math.max(0, received.length() - 300)));
        JsonNode problem = read(received.substring(at).split("[\r\n]", 2)[0]).get("$problem");
        assertEquals("Q161", problem.get("code").asText(), problem.toString());
        assertEquals(503, problem.get("status").asInt());
        try (Connection c = TestServer.connect(FreshDatabase.current());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid "
                                + "<> "
                                + "pg_backend_pid() "
                                + "AND query LIKE '%AS line FROM%' AND state <> 'idle'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the timed-out stream's transaction is over");
        }
        HttpResponse<String> after = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/items?select=id&take=3&orderBy=id"))
                        .header("Accept", "application/x-ndjson")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"id\" : 2}\n{\"id\" : 4}\n{\"id\" : 6}\n", after.body());
    }
}
