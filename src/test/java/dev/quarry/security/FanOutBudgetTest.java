package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.RecordedDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attacks on an unbounded read, with the default limits (max-rows 1000, max-depth 8, statement timeout 30 s):
 * the cyclic include fan-out on 2,000 users × 20 posts, alone and 20 at once; a 100,000-value {@code in}; a 10⁹
 * {@code skip}. Times and memory are printed, and bounded by assertions far below the statement timeout.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "fan-out")
        })
class FanOutBudgetTest {

    /** users → posts → author → posts → author → posts → author → posts: seven levels, within max-depth 8. */
    static final String CYCLE =
            "{\"posts\":{\"include\":{\"author\":{\"include\":{\"posts\":{\"include\":{\"author\":{\"includ"
                    + "e\":"
                    + "{\"posts\":{\"include\":{\"author\":{\"include\":{\"posts\":true}}}}}}}}}}}}}";

    static final long BOUND_MILLIS = 5_000;

    /** What PostgreSQL received, from the recording proxy in front of the service's pool. */
    Supplier<List<String>> executed;

    private ExecutorService clients;

    /** 2,000 users with 20 posts each; u_1000 with exactly 1,000 posts (the limit) and u_1001 with one past it. */
    @BeforeAll
    void database() {
        TestServer.execute(FreshDatabase.current(), """
                INSERT INTO "User" (id, email, name, "updatedAt")
                    SELECT 'u' || i, 'user' || i || '@example.com', 'User ' || i, now() FROM generate_series(1, 2000) i;
                INSERT INTO "Post" (id, title, body, published, "authorId")
                    SELECT 'p' || u || '_' || n, 'Post ' || n, 'body', true, 'u' || u FROM generate_series(1, \
                    2000) u, generate_series(1, 20) n;
                INSERT INTO "User" (id, email, name, "updatedAt") VALUES
                    ('u_1000', 'thousand@example.com', 'Thousand', now()), ('u_1001', \
                    'thousand-one@example.com', 'Thousand and one', now());
                INSERT INTO "Post" (id, title, body, published, "authorId")
                    SELECT 'q' || a || '_' || n, 'Post ' || n, 'body', true, a FROM (VALUES ('u_1000', \
                    1000), ('u_1001', 1001)) v(a, c),
                        LATERAL generate_series(1, c) n;
                ANALYZE "User";
                ANALYZE "Post";
                """);
        clients = Executors.newFixedThreadPool(20);
    }

    @AfterAll
    void stop() {
        clients.shutdownNow();
    }

    @Test
    void cyclicIncludeFanOut() {
        long start = System.nanoTime();
        Response response = given().queryParam("include", CYCLE).get("/api/users");
        long millis = (System.nanoTime() - start) / 1_000_000;
        response.then().statusCode(400).body("code", equalTo("Q130")).body("meta.path", equalTo("$"));
        System.out.printf("fan-out 2,000 users x 20 posts, include depth 7: 400 Q130 in %d ms%n", millis);
        assertTrue(millis < BOUND_MILLIS, millis + " ms");
    }

    @Test
    void cyclicIncludeFanOutTwentyAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            given().queryParam("include", CYCLE).get("/api/users").then().statusCode(400);
        }
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(CompletableFuture.supplyAsync(
                    () -> {
                        long t = System.nanoTime();
                        int status = given().queryParam("include", CYCLE)
                                .get("/api/users")
                                .then()
                                .extract()
                                .statusCode();
                        return new long[] {status, (System.nanoTime() - t) / 1_000_000};
                    },
                    clients));
        }
        long slowest = 0;
        for (CompletableFuture<long[]> answer : answers) {
            long[] a = answer.get();
            assertEquals(400, a[0]);
            slowest = Math.max(slowest, a[1]);
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = usedHeap();
        System.out.printf(
                "fan-out x20 in parallel: all 400, slowest %d ms, all in %d ms; JVM heap used %d MB "
                        + "before, %d MB "
                        + "after; %s%n",
                slowest, total, heapBefore >> 20, heapAfter >> 20, backendMemory());
        assertTrue(slowest < 4 * BOUND_MILLIS, slowest + " ms");
    }

    @Test
    void nestedListAtTheLimitAndOnePast() {
        String include = "{\"author\":{\"include\":{\"posts\":{\"select\":{\"id\":true}}}}}";
        long start = System.nanoTime();
        given().queryParam("filter", "{\"authorId\":\"u_1000\"}")
                .queryParam("take", "1")
                .queryParam("include", include)
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("[0].author.posts", hasSize(1000));
        long atLimit = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        given().queryParam("filter", "{\"authorId\":\"u_1001\"}")
                .queryParam("take", "1")
                .queryParam("include", include)
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q130"))
                .body("meta.path", equalTo("$[*].author.posts"));
        long past = (System.nanoTime() - start) / 1_000_000;
        given().queryParam("filter", "{\"authorId\":\"u_1000\"}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(1000));
        given().queryParam("filter", "{\"authorId\":\"u_1001\"}")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("meta.path", equalTo("$"));
        System.out.printf("nested list of 1,000 rows: 200 in %d ms; of 1,001 rows: 400 in %d ms%n", atLimit, past);
    }

    @Test
    void hundredThousandValueInIsRefusedBeforeAnySql() {
        String values =
                IntStream.range(0, 100_000).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(","));
        long statements = executed.get().size();
        long start = System.nanoTime();
        given().contentType("application/json")
                .body("{\"where\":{\"id\":{\"in\":[" + values + "]}}}")
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q133"))
                .body("meta.path", equalTo("where.id.in"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(statements, executed.get().size(), "no statement ran");
        System.out.printf("100,000-value in: 400 Q133 in %d ms, no statement%n", millis);
    }

    @Test
    void billionSkipIsRefusedBeforeAnySql() {
        long statements = executed.get().size();
        given().queryParam("skip", "1000000000")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q132"));
        given().contentType("application/json")
                .body("{\"skip\":1000000000}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q132"));
        given().queryParam("skip", "100000")
                .queryParam("take", "1")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        assertEquals(statements + 1, executed.get().size(), "only the read within the limit ran");
    }

    private static long usedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * The resident memory of the test database's backends, from /proc (reported, not asserted: it is the machine's
     * view).
     */
    private static String backendMemory() {
        try (Connection c = TestServer.connect(FreshDatabase.current());
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                                + "pg_backend_pid()")) {
            long peak = 0;
            long anon = 0;
            int backends = 0;
            while (r.next()) {
                Path status = Path.of("/proc", Integer.toString(r.getInt(1)), "status");
                if (!Files.isReadable(status)) {
                    continue;
                }
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, kilobytes(line));
                    } else if (line.startsWith("RssAnon:")) {
                        anon = Math.max(anon, kilobytes(line));
                    }
                }
                backends++;
            }
            return String.format(
                    "PostgreSQL: %d backends, largest peak RSS %d MB, largest private RSS %d MB",
                    backends, peak >> 10, anon >> 10);
        } catch (SQLException | IOException e) {
            return "PostgreSQL backend memory not readable: " + e.getMessage();
        }
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
