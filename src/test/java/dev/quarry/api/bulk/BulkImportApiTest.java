package dev.quarry.api.bulk;

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
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/{model}/bulk} through the real server and PostgreSQL: 100,000 records as NDJSON and as CSV, a
 * bad record deep in the body (400 naming its line, nothing written), CSV's quoting and NULL rule, concurrent
 * imports with overlapping unique keys, the body limit, a client that hangs up, and the JDBC pool whole after all
 * of it.
 */
@QuarkusTest
@TestProfile(BulkImportApiTest.SmallLimit.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "bulk/bulk.prisma"),
            @ResourceArg(name = "sql", value = "bulk/bulk.sql"),
            @ResourceArg(name = "purpose", value = "BulkImportApiTest")
        })
class BulkImportApiTest {

    static final int ROWS = 100_000;
    static final String LIMIT = "32M";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A bulk body limit the tests can pass cheaply. */
    public static final class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarry.bulk.max-body-size", LIMIT);
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void empty() throws Exception {
        sql("TRUNCATE \"Member\" RESTART IDENTITY");
    }

    // --- bodies ----------------------------------------------------------------------------------

    static String ndjsonRow(int i) {
        return "{\"email\":\"m" + i + "@example.com\",\"name\":\"member " + i + "\",\"role\":\""
                + (i % 2 == 0 ? "USER" : "ADMIN")
                + "\",\"score\":" + (i / 100.0) + ",\"visits\":\"" + (i * 1000L) + "\",\"tags\":[\"t" + (i % 5)
                + "\",\"u\"],\"data\":{\"n\":" + i
                + "},\"born\":\"2000-01-02T03:04:05.678Z\",\"teamId\":" + (1 + i % 2) + "}\n";
    }

    static final String CSV_HEADER = "email,name,role,score,visits,tags,data,born,teamId\r\n";

    static String csvRow(int i) {
        return "m" + i + "@example.com,member " + i + "," + (i % 2 == 0 ? "USER" : "ADMIN") + "," + (i / 100.0) + ","
                + (i * 1000L) + ",\"[\"\"t" + (i % 5) + "\"\",\"\"u\"\"]\",\"{\"\"n\"\":" + i
                + "}\",2000-01-02T03:04:05.678Z," + (1 + i % 2) + "\r\n";
    }

    /** {@code rows} records made as they are sent (a chunked body, never held whole), after {@code head}. */
    static InputStream generated(String head, int rows, IntFunction<String> row) {
        InputStream records = new InputStream() {
            private int next = 1;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                while (at == current.length) {
                    if (next > rows) {
                        return -1;
                    }
                    current = row.apply(next++).getBytes(StandardCharsets.UTF_8);
                    at = 0;
                }
                int n = Math.min(length, current.length - at);
                System.arraycopy(current, at, into, offset, n);
                at += n;
                return n;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), records);
    }

    HttpResponse<String> post(String query, String contentType, InputStream body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/members/bulk" + query))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String query, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/members/bulk" + query))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // --- tests -----------------------------------------------------------------------------------

    @Test
    void ndjsonImportsAHundredThousandRecords() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post("", "application/x-ndjson", generated("", ROWS, BulkImportApiTest::ndjsonRow));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(ROWS, JSON.readTree(r.body()).get("count").asInt());
        System.out.printf("[bulk] NDJSON: %d records in %d ms (%d rows/s)%n", ROWS, ms, ROWS * 1000L / Math.max(ms, 1));
        assertImported();
    }

    @Test
    void csvImportsAHundredThousandRecords() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post("", "text/csv", generated(CSV_HEADER, ROWS, BulkImportApiTest::csvRow));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(ROWS, JSON.readTree(r.body()).get("count").asInt());
        System.out.printf("[bulk] CSV: %d records in %d ms (%d rows/s)%n", ROWS, ms, ROWS * 1000L / Math.max(ms, 1));
        assertImported();
    }

    /**
     * Every record once, with its values as a create writes them and the client-side defaults generated per row.
     */
    private void assertImported() throws Exception {
        assertEquals(
                List.of(List.of(Integer.toString(ROWS), Integer.toString(ROWS), Integer.toString(ROWS), "0")),
                rows("SELECT count(*), count(DISTINCT email), count(DISTINCT key), count(*) FILTER (WHERE "
                        + "\"updatedAt\" IS NULL OR \"createdAt\" IS NULL"
                        + " OR NOT active) FROM \"Member\""));
        JsonNode one = JSON.readTree(read("api/members?filter="
                        + URLEncoder.encode("{\"email\":\"m777@example.com\"}", StandardCharsets.UTF_8)))
                .get(0);
        assertEquals("member 777", one.get("name").asText());
        assertEquals("ADMIN", one.get("role").asText());
        assertEquals("7.77", one.get("score").asText());
        assertEquals("777000", one.get("visits").asText());
        assertEquals("[\"t2\",\"u\"]", one.get("tags").toString());
        assertEquals("{\"n\":777}", one.get("data").toString());
        assertEquals("2000-01-02T03:04:05.678Z", one.get("born").asText());
        assertEquals(2, one.get("teamId").asInt());
        assertTrue(one.get("key").asText().length() >= 20, "a cuid: " + one.get("key"));
    }

    @Test
    void aBadRecordDeepInTheBodyNamesItsLineAndWritesNothing() throws Exception {
        int bad = 50_001;
        HttpResponse<String> r = post(
                "",
                "application/x-ndjson",
                generated(
                        "",
                        ROWS,
                        i -> i == bad ? "{\"email\":\"m@example.com\",\"visits\":\"many\"}\n" : ndjsonRow(i)));
        assertEquals(400, r.statusCode(), r.body());
        JsonNode problem = JSON.readTree(r.body());
        assertEquals(bad, problem.get("meta").get("line").asInt(), r.body());
        assertEquals("visits", problem.get("meta").get("path").asText(), r.body());
        assertTrue(problem.get("detail").asText().startsWith("line 50001: "), r.body());
        assertEquals("0", count());

        // CSV: the header is line 1, so the 50,000th record is on line 50,001
        HttpResponse<String> csv = post(
                "",
                "text/csv",
                generated(CSV_HEADER, ROWS, i -> i == bad - 1 ? "x@example.com,,SUPERUSER,,,,,,\r\n" : csvRow(i)));
        assertEquals(400, csv.statusCode(), csv.body());
        JsonNode csvProblem = JSON.readTree(csv.body());
        assertEquals(bad, csvProblem.get("meta").get("line").asInt(), csv.body());
        assertEquals("role", csvProblem.get("meta").get("path").asText(), csv.body());
        assertEquals("0", count());
    }

    @Test
    void recordErrorsAreTheWritePathsWithTheirLine() throws Exception {
        String body = ndjsonRow(1) + "\n" + "{\"name\":\"no email\"}\n";
        HttpResponse<String> missing = post("", "application/x-ndjson", body);
        assertEquals(400, missing.statusCode(), missing.body());
        assertEquals(
                3,
                JSON.readTree(missing.body()).get("meta").get("line").asInt(),
                "a blank line counts: " + missing.body());

        HttpResponse<String> unknown = post("", "application/x-ndjson", "{\"email\":\"a@b\",\"nope\":1}\n");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("Q102", JSON.readTree(unknown.body()).get("code").asText(), unknown.body());

        HttpResponse<String> nested =
                post("", "application/x-ndjson", "{\"email\":\"a@b\",\"team\":{\"connect\":{\"id\":1}}}\n");
        assertEquals(400, nested.statusCode(), nested.body());

        HttpResponse<String> notObject = post("", "application/x-ndjson", ndjsonRow(1) + "[1,2]\n");
        assertEquals(400, notObject.statusCode(), notObject.body());
        assertEquals("Q170", JSON.readTree(notObject.body()).get("code").asText());
        assertEquals(2, JSON.readTree(notObject.body()).get("meta").get("line").asInt());

        HttpResponse<String> ragged = post("", "text/csv", "email,name\r\na@b,x,y\r\n");
        assertEquals(400, ragged.statusCode(), ragged.body());
        assertEquals("Q171", JSON.readTree(ragged.body()).get("code").asText());

        HttpResponse<String> plain = post("", "text/plain", "email\n");
        assertEquals(415, plain.statusCode(), plain.body());
        HttpResponse<String> badFlag = post("?skipDuplicates=yes", "text/csv", "email\r\na@b\r\n");
        assertEquals(400, badFlag.statusCode(), badFlag.body());
        HttpResponse<String> ok = post("", "text/csv", "email\r\na@b\r\n");
        assertEquals(201, ok.statusCode(), ok.body());
        // a JSON body on the same path is still createMany's
        HttpResponse<String> createMany = post("", "application/json", "[{\"email\":\"j@b\"}]");
        assertEquals(201, createMany.statusCode(), createMany.body());
        assertEquals(1, JSON.readTree(createMany.body()).get("count").asInt(), createMany.body());
        assertEquals("2", count());
    }

    @Test
    void csvQuotingFollowsRfc4180AndPostgresNullRule() throws Exception {
        String body = "email,name,data\r\n"
                + "q1@x,\"a, b\",\r\n" // a comma inside quotes; an unquoted empty field is NULL
                + "q2@x,\"say \"\"hi\"\"\",\"{\"\"k\"\": \"\"v\"\"}\"\r\n" // doubled quotes
                + "q3@x,\"two\r\nlines\",\"\"\"text\"\"\"\r\n" // a line break inside quotes; a Json string
                + "q4@x,é漢🙂,\r\n" // unicode
                + "q5@x,\"\",\n" // a quoted empty field is the empty string; LF alone ends a record
                + "q6@x,  spaced  ,\r\n"; // spaces are kept
        HttpResponse<String> r = post("", "text/csv", body);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(6, JSON.readTree(r.body()).get("count").asInt());
        assertEquals(
                List.of(
                        List.of("q1@x", "a, b", "NULL"),
                        List.of("q2@x", "say \"hi\"", "{\"k\": \"v\"}"),
                        List.of("q3@x", "two\r\nlines", "\"text\""),
                        List.of("q4@x", "é漢🙂", "NULL"),
                        List.of("q5@x", "", "NULL"),
                        List.of("q6@x", "  spaced  ", "NULL")),
                rows("SELECT email, coalesce(name, 'NULL'), coalesce(data::text, 'NULL') FROM \"Member\" ORDER "
                        + "BY email"));

        sql("TRUNCATE \"Member\"");
        HttpResponse<String> lists =
                post("", "text/csv", "email,tags\r\nt1@x,\"[\"\"x,y\"\",\"\"z\\\\\"\"]\"\r\nt2@x,[]\r\n");
        assertEquals(201, lists.statusCode(), lists.body());
        assertEquals(
                List.of(List.of("t1@x", "{\"x,y\",\"z\\\\\"}"), List.of("t2@x", "{}")),
                rows("SELECT email, tags::text FROM \"Member\" ORDER BY email"));

        sql("TRUNCATE \"Member\"");
        HttpResponse<String> nulls = post("", "text/csv", "email,name\r\nn1@x,\r\nn2@x,\"\"\r\n");
        assertEquals(201, nulls.statusCode(), nulls.body());
        assertEquals(
                List.of(List.of("n1@x", "NULL"), List.of("n2@x", "EMPTY")),
                rows("SELECT email, CASE WHEN name IS NULL THEN 'NULL' WHEN name = '' THEN 'EMPTY' ELSE name "
                        + "END FROM \"Member\" ORDER BY email"));

        // a record after a multi-line one is named by the line it starts on
        HttpResponse<String> bad =
                post("", "text/csv", "email,name,visits\r\nb1@x,\"one\r\ntwo\r\nthree\",1\r\nb2@x,ok,lots\r\n");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(5, JSON.readTree(bad.body()).get("meta").get("line").asInt(), bad.body());
        HttpResponse<String> unclosed = post("", "text/csv", "email,name\r\nu@x,\"never closed\r\n");
        assertEquals(400, unclosed.statusCode(), unclosed.body());
        assertEquals("Q171", JSON.readTree(unclosed.body()).get("code").asText());
        assertEquals(2, JSON.readTree(unclosed.body()).get("meta").get("line").asInt(), unclosed.body());
    }

    @Test
    void aDuplicateKeyIsP2002AndSkipDuplicatesSkipsIt() throws Exception {
        HttpResponse<String> dup = post("", "application/x-ndjson", ndjsonRow(1) + ndjsonRow(2) + ndjsonRow(1));
        assertEquals(409, dup.statusCode(), dup.body());
        JsonNode problem = JSON.readTree(dup.body());
        assertEquals("P2002", problem.get("code").asText());
        assertEquals("[\"email\"]", problem.get("meta").get("target").toString());
        assertEquals(
                3, problem.get("meta").get("line").asInt(), "the record repeating an earlier one's key: " + dup.body());
        assertTrue(problem.get("detail").asText().startsWith("line 3: "), dup.body());
        assertEquals("0", count());

        HttpResponse<String> skip =
                post("?skipDuplicates=true", "application/x-ndjson", ndjsonRow(1) + ndjsonRow(2) + ndjsonRow(1));
        assertEquals(201, skip.statusCode(), skip.body());
        assertEquals(2, JSON.readTree(skip.body()).get("count").asInt());
    }

    @Test
    void aConflictFoundByTheFinalInsertNamesItsRecordsLine() throws Exception {
        assertEquals(201, post("", "application/x-ndjson", ndjsonRow(7)).statusCode());
        // the key of line 4 is in the table already; the CSV header is line 1
        HttpResponse<String> taken = post("", "text/csv", CSV_HEADER + csvRow(5) + csvRow(6) + csvRow(7) + csvRow(8));
        assertEquals(409, taken.statusCode(), taken.body());
        JsonNode problem = JSON.readTree(taken.body());
        assertEquals("P2002", problem.get("code").asText(), taken.body());
        assertEquals(4, problem.get("meta").get("line").asInt(), taken.body());

        // a team that does not exist: the foreign key of line 3 (records setting other fields are staged apart, and
        // count)
        String body = ndjsonRow(11) + "{\"email\":\"solo@x\"}\n"
                + ndjsonRow(12).replace("\"teamId\":1", "\"teamId\":99") + ndjsonRow(13);
        HttpResponse<String> missing = post("", "application/x-ndjson", body);
        assertEquals(409, missing.statusCode(), missing.body());
        JsonNode p2003 = JSON.readTree(missing.body());
        assertEquals("P2003", p2003.get("code").asText(), missing.body());
        assertEquals(3, p2003.get("meta").get("line").asInt(), missing.body());
        assertEquals("1", count());
    }

    @Test
    void importsBeyondTheJdbcPoolWaitForAConnection() throws Exception {
        List<Socket> holders = new ArrayList<>();
        try {
            // two imports (the pool's two connections) whose bodies have not ended
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                holders.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/members/bulk HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                + "application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ndjsonRow(1000 + i).getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            String copying = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query "
                    + "LIKE 'COPY "
                    + "quarry_bulk%'";
            long deadline = System.currentTimeMillis() + 30_000;
            while (!rows(copying).equals(List.of(List.of("2"))) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(List.of("2")), rows(copying), "both imports hold a connection");
            CompletableFuture<HttpResponse<String>> third = CompletableFuture.supplyAsync(
                    () -> unchecked(() -> post("", "text/csv", CSV_HEADER + csvRow(3000))));
            // longer than Agroal's default acquisition timeout (5 s), which used to answer 503 here
            Thread.sleep(6_000);
            assertTrue(
                    !third.isDone(),
                    "the third import waits for a connection: "
                            + (third.isDone() ? third.get().body() : ""));
            for (Socket socket : holders) {
                socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 201", status);
            }
            HttpResponse<String> r = third.get();
            assertEquals(201, r.statusCode(), r.body());
            assertEquals("3", count());
        } finally {
            for (Socket socket : holders) {
                socket.close();
            }
        }
    }

    @Test
    void concurrentImportsWithOverlappingKeysSkipDuplicates() throws Exception {
        int each = 10_000;
        int overlap = 5_000;
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> unchecked(() -> post(
                "?skipDuplicates=true", "application/x-ndjson", generated("", each, BulkImportApiTest::ndjsonRow))));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> unchecked(() -> post(
                "?skipDuplicates=true", "text/csv", generated(CSV_HEADER, each, i -> csvRow(i + each - overlap)))));
        HttpResponse<String> a = first.get();
        HttpResponse<String> b = second.get();
        assertEquals(201, a.statusCode(), a.body());
        assertEquals(201, b.statusCode(), b.body());
        int counted = JSON.readTree(a.body()).get("count").asInt()
                + JSON.readTree(b.body()).get("count").asInt();
        assertEquals(2 * each - overlap, counted, a.body() + " " + b.body());
        assertEquals(Integer.toString(2 * each - overlap), count());
    }

    @Test
    void aBodyOverTheLimitIs413AndWritesNothing() throws Exception {
        // about 210 bytes a record: 250,000 records pass the 32 MB limit well before their end
        HttpResponse<String> chunked =
                post("", "application/x-ndjson", generated("", 250_000, BulkImportApiTest::ndjsonRow));
        assertEquals(413, chunked.statusCode(), chunked.body());
        JsonNode problem = JSON.readTree(chunked.body());
        assertEquals("Q172", problem.get("code").asText());
        assertEquals(32L << 20, problem.get("meta").get("maxBytes").asLong());
        assertEquals("0", count());

        HttpRequest declared = HttpRequest.newBuilder(URI.create(base + "api/members/bulk"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(32 << 20) + 1]))
                .build();
        HttpResponse<String> r = http.send(declared, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("Q172", JSON.readTree(r.body()).get("code").asText());

        // the other routes keep quarkus.http.limits.max-body-size
        HttpRequest json = HttpRequest.newBuilder(URI.create(base + "api/members"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(2 << 20)]))
                .build();
        assertEquals(413, http.send(json, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aClientThatHangsUpMidBodyRollsBackAndThePoolStaysWhole() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/members/bulk HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                + "application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                StringBuilder rows = new StringBuilder();
                for (int i = 1; i <= 2000; i++) {
                    rows.append(ndjsonRow(i + attempt * 10_000));
                }
                byte[] chunk = rows.toString().getBytes(StandardCharsets.UTF_8);
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(300);
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (!rows("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in "
                                + "transaction%'")
                        .equals(List.of(List.of("0")))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(
                List.of(List.of("0")),
                rows("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE "
                        + "'idle in "
                        + "transaction%'"));
        assertEquals("0", count());
        // the JDBC pool (2 connections) is whole: imports one after the other still get a connection at once
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = post("", "text/csv", CSV_HEADER + csvRow(100 + i));
            assertEquals(201, r.statusCode(), r.body());
        }
        assertEquals("3", count());
    }

    // --- helpers ---------------------------------------------------------------------------------

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String read(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String count() throws Exception {
        return rows("SELECT count(*) FROM \"Member\"").get(0).get(0);
    }

    private static void sql(String text) throws Exception {
        try (Connection c = TestServer.connect(FreshDatabase.current());
                Statement s = c.createStatement()) {
            s.execute(text);
        }
    }

    private static List<List<String>> rows(String query) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = TestServer.connect(FreshDatabase.current());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
