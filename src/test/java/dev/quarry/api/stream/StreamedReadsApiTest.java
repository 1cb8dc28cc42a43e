package dev.quarry.api.stream;

import static dev.quarry.api.stream.Lines.enc;
import static dev.quarry.api.stream.Lines.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code findMany} streamed as NDJSON and CSV through the real server from a table of 200,000 rows: the same rows
 * as the JSON answer, in constant memory, paused by a slow client, ended (statement and connection) by one that
 * hangs up (also while the statement executes, before its first row), and ended with a problem line by a failure
 * mid-stream. The server runs in this JVM, so its RSS is this process's.
 */
@QuarkusTest
@TestProfile(StreamedReadsApiTest.Streams.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "stream/stream.prisma"),
            @ResourceArg(name = "sql", value = "stream/stream.sql"),
            @ResourceArg(name = "purpose", value = "StreamedReadsApiTest")
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamedReadsApiTest {

    static final int ROWS = 200_000;
    static final int POOL = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The JSON answer may hold the whole table, to be compared with the streams; a small pool, to see it come back
     * whole.
     */
    public static final class Streams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarry.api.max-rows",
                    "250000",
                    "quarry.api.max-response-bytes",
                    "512M",
                    "quarkus.datasource.reactive.max-size",
                    Integer.toString(POOL),
                    "quarry.pool.wait-timeout",
                    "5s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    @Order(1)
    void streamingTheWholeTableKeepsMemoryFlat() throws Exception {
        long heapBefore = heapAfterGcKb();
        long before = rssKb();
        long peak = before;
        long heapMidway = 0;
        long bytes = 0;
        long lines = 0;
        long start = System.nanoTime();
        long firstLineNanos = 0;
        HttpResponse<InputStream> r = http.send(
                get("api/items?orderBy=id", "application/x-ndjson"), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (lines == 0) {
                    firstLineNanos = System.nanoTime() - start;
                }
                bytes += line.length() + 1;
                if (++lines % 10_000 == 0) {
                    peak = Math.max(peak, rssKb());
                }
                if (lines == ROWS / 2) {
                    heapMidway = heapAfterGcKb();
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long growthMb = (peak - before) / 1024;
        long heapGrowthMb = (heapMidway - heapBefore) / 1024;
        System.out.printf(
                "[stream] %d lines, %d MB in %d ms (%d rows/s), first line after %d ms; RSS %d MB before, "
                        + "peak "
                        + "growth %d MB; "
                        + "heap held midway %d MB more than before%n",
                lines,
                bytes >> 20,
                ms,
                lines * 1000 / Math.max(ms, 1),
                firstLineNanos / 1_000_000,
                before / 1024,
                growthMb,
                heapGrowthMb);
        assertEquals(ROWS, lines);
        assertTrue(bytes > 60L << 20, "the stream is larger than the memory bound it is held to: " + bytes);
        assertTrue(heapGrowthMb < 20, "the heap held " + heapGrowthMb + " MB more midway through the stream");
        assertTrue(growthMb < 50, "RSS grew by " + growthMb + " MB while streaming");
    }

    @Test
    @Order(2)
    void ndjsonAndCsvHoldTheJsonAnswerRowForRow() throws Exception {
        HttpResponse<String> json =
                http.send(get("api/items?orderBy=id", "application/json"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode(), json.body().length() < 2000 ? json.body() : "");
        JsonNode answer = JSON.readTree(json.body());
        assertEquals(ROWS, answer.size());

        HttpResponse<Stream<String>> ndjson =
                http.send(get("api/items?orderBy=id", "application/x-ndjson"), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, ndjson.statusCode());
        assertEquals(
                "application/x-ndjson",
                ndjson.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""));
        Iterator<JsonNode> expected = answer.iterator();
        int[] n = {0};
        ndjson.body().forEach(line -> {
            n[0]++;
            assertEquals(expected.next(), read(line), "line " + n[0]);
        });
        assertEquals(ROWS, n[0]);

        HttpResponse<String> csv =
                http.send(get("api/items?orderBy=id", "text/csv"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").isEmpty());
        List<List<String>> records = Csv.parse(csv.body());
        assertEquals(List.of("id", "name", "note", "price", "tags", "data", "ownerId"), records.get(0));
        assertEquals(ROWS + 1, records.size());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(Csv.fields(answer.get(i)), records.get(i + 1), "record " + (i + 1));
        }
    }

    @Test
    @Order(3)
    void aStreamHasTheJsonAnswersSemantics() throws Exception {
        String[] queries = {
            "api/items?filter=" + enc("{\"ownerId\":3,\"note\":null}") + "&orderBy=" + enc("[{\"price\":\"desc\"}]")
                    + "&take=50&skip=5",
            "api/items?include=owner&orderBy=id&take=-20&cursor=" + enc("{\"id\":1000}"),
            "api/items?select=" + enc("{\"ownerId\":true,\"owner\":{\"select\":{\"name\":true}}}")
                    + "&distinct=ownerId&orderBy=ownerId",
            "api/owners?include="
                    + enc("{\"items\":{\"where\":{\"id\":{\"lt\":40}},\"orderBy\":{\"id\":\"desc\"}},\"_count\":true}")
                    + "&omit=name"
        };
        for (String query : queries) {
            HttpResponse<String> json = http.send(get(query, "application/json"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ndjson =
                    http.send(get(query, "application/x-ndjson"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode(), json.body());
            assertEquals(200, ndjson.statusCode(), ndjson.body());
            JsonNode answer = JSON.readTree(json.body());
            List<JsonNode> lines = ndjson.body().lines().map(Lines::read).toList();
            assertTrue(answer.size() > 0, query);
            assertEquals(answer.size(), lines.size(), query);
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(answer.get(i), lines.get(i), query + " row " + i);
            }
        }
        // the RPC surface streams findMany too
        String args = "{\"where\":{\"id\":{\"in\":[2,1,3]}},\"orderBy\":{\"id\":\"desc\"}}";
        HttpResponse<String> rpc = http.send(
                HttpRequest.newBuilder(URI.create(base + "api/rpc/item/findMany"))
                        .header("Accept", "application/x-ndjson")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(args))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, rpc.statusCode(), rpc.body());
        assertEquals(
                List.of(3, 2, 1),
                rpc.body().lines().map(l -> read(l).get("id").asInt()).toList());
    }

    @Test
    @Order(4)
    void theJsonAnswerStaysTheDefaultAndCsvRefusesNesting() throws Exception {
        for (String accept : new String[] {
            "*/*", "application/json", "text/html, */*;q=0.8", "application/json, application/x-ndjson;q=0.5"
        }) {
            HttpResponse<String> r =
                    http.send(get("api/items?take=2&orderBy=id", accept), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), accept);
            assertTrue(r.body().startsWith("["), accept + ": " + r.body());
        }
        HttpResponse<String> nested =
                http.send(get("api/items?take=2&include=owner", "text/csv"), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, nested.statusCode());
        JsonNode problem = JSON.readTree(nested.body());
        assertEquals("Q160", problem.get("code").asText());
        assertTrue(problem.get("detail").asText().contains("'owner' nests"), nested.body());

        HttpResponse<String> bad = http.send(
                get("api/items?filter=" + enc("{\"nope\":1}"), "application/x-ndjson"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("Q102", JSON.readTree(bad.body()).get("code").asText());

        HttpResponse<String> download = http.send(
                get("api/items?take=1&orderBy=id&select=" + enc("{\"id\":true}") + "&download=true", "text/csv"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, download.statusCode(), download.body());
        assertEquals(
                "attachment; filename=\"items.csv\"",
                download.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("id\r\n1\r\n", download.body());
    }

    @Test
    @Order(5)
    void aSlowReaderPausesTheCursor() throws Exception {
        long heapBefore = heapAfterGcKb();
        long before = rssKb();
        try (Socket client = open("api/items?orderBy=id", "application/x-ndjson")) {
            InputStream in = client.getInputStream();
            byte[] first = in.readNBytes(64 * 1024);
            assertTrue(new String(first, StandardCharsets.UTF_8).contains("HTTP/1.1 200"));
            // the first lines came while the statement's transaction is still open: the query has not ended
            try (Connection c = TestServer.connect(FreshDatabase.current())) {
                Thread.sleep(1500);
                assertEquals(List.of("idle in transaction"), streamSessions(c), "the paused cursor's session");
            }
            long growthMb = (rssKb() - before) / 1024;
            long heapGrowthMb = (heapAfterGcKb() - heapBefore) / 1024;
            System.out.printf(
                    "[stream] slow reader: after 1.5 s with 64 KB read, RSS growth %d MB, heap held %d MB " + "more%n",
                    growthMb, heapGrowthMb);
            assertTrue(growthMb < 50, "RSS grew by " + growthMb + " MB while the client did not read");
            assertTrue(heapGrowthMb < 20, "the heap holds " + heapGrowthMb + " MB more while the client does not read");
        }
    }

    @Test
    @Order(6)
    void aClientThatHangsUpEndsTheStatementAndGivesTheConnectionBack() throws Exception {
        try (Connection c = TestServer.connect(FreshDatabase.current())) {
            for (int i = 0; i < POOL + 2; i++) {
                try (Socket client = open("api/items?orderBy=id", "application/x-ndjson")) {
                    client.getInputStream().readNBytes(32 * 1024);
                    assertEquals(1, streamSessions(c).size(), "the stream's session while it runs");
                }
                long hungUp = System.nanoTime();
                while (!streamSessions(c).isEmpty()) {
                    assertTrue(
                            System.nanoTime() - hungUp < 1_000_000_000L,
                            "the statement outlived its client by a second: " + streamSessions(c));
                    Thread.sleep(20);
                }
            }
        }
        assertThePoolIsWhole();
    }

    @Test
    @Order(9)
    void aClientThatHangsUpWhileTheStatementExecutesCancelsIt() throws Exception {
        // StuckItem's first row takes a minute: the statement executes, no row has been fetched yet
        try (Connection c = TestServer.connect(FreshDatabase.current())) {
            for (int i = 0; i < POOL + 2; i++) {
                try (Socket client = open("api/stuckItems?orderBy=id", "application/x-ndjson")) {
                    long asked = System.nanoTime();
                    while (!streamSessions(c).equals(List.of("active"))) {
                        assertTrue(System.nanoTime() - asked < 10_000_000_000L, "the stream's statement never ran");
                        Thread.sleep(20);
                    }
                }
                long hungUp = System.nanoTime();
                while (!streamSessions(c).isEmpty()) {
                    assertTrue(
                            System.nanoTime() - hungUp < 1_000_000_000L,
                            "the executing statement outlived its client by a second: " + streamSessions(c));
                    Thread.sleep(20);
                }
            }
        }
        assertThePoolIsWhole();
    }

    /** As many streams at once as the pool has connections. */
    private void assertThePoolIsWhole() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            all.add(http.sendAsync(
                    get("api/items?take=300&orderBy=id", "application/x-ndjson"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertEquals(300, f.get().body().lines().count());
        }
    }

    @Test
    @Order(7)
    void aFailureMidStreamEndsItWithAProblemLine() throws Exception {
        HttpResponse<InputStream> r = http.send(
                get("api/items?orderBy=id", "application/x-ndjson"), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                Connection c = TestServer.connect(FreshDatabase.current())) {
            assertEquals(200, r.statusCode());
            assertEquals(1, read(in.readLine()).get("id").asInt());
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                        + "AND pid <> pg_backend_pid() "
                        + "AND query LIKE '%AS line FROM%'");
            }
            List<String> rest = in.lines().toList();
            JsonNode last = read(rest.get(rest.size() - 1));
            assertTrue(rest.size() < ROWS - 1, "the stream ended early");
            assertEquals(503, last.get("$problem").get("status").asInt(), last.toString());
            for (String line : rest.subList(0, rest.size() - 1)) {
                assertTrue(read(line).has("id"), line);
            }
        }
    }

    @Test
    @Order(8)
    void theFirstLineArrivesWhileTheStatementStillRuns() throws Exception {
        // SlowItem's 2,500th row takes three seconds: the statement cannot end before then
        HttpResponse<InputStream> r = http.send(
                get("api/slowItems?orderBy=id", "application/x-ndjson"), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
                Connection c = TestServer.connect(FreshDatabase.current())) {
            assertEquals(200, r.statusCode());
            assertEquals(1, read(in.readLine()).get("id").asInt());
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 200 && !seen.contains("active"); i++) {
                seen.addAll(streamSessions(c));
                Thread.sleep(10);
            }
            assertTrue(seen.contains("active"), "the statement runs after the first line came: " + seen);
            List<String> rest = in.lines().toList();
            assertEquals(2999, rest.size());
            assertEquals(3000, read(rest.get(rest.size() - 1)).get("id").asInt());
        }
    }

    /** The test database's sessions running or holding a stream's statement. */
    private static List<String> streamSessions(Connection c) throws Exception {
        List<String> states = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs =
                    st.executeQuery("SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                            + "pg_backend_pid() "
                            + "AND query LIKE '%AS line FROM%' AND state <> 'idle'")) {
                while (rs.next()) {
                    states.add(rs.getString(1));
                }
            }
        }
        return states;
    }

    private Socket open(String path, String accept) throws Exception {
        Socket client = new Socket(base.getHost(), base.getPort());
        client.setReceiveBufferSize(16 * 1024);
        OutputStream out = client.getOutputStream();
        out.write(("GET /" + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return client;
    }

    private HttpRequest get(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", accept)
                .build();
    }

    /** The heap in use after a full collection: what is held, not what is garbage. */
    static long heapAfterGcKb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
