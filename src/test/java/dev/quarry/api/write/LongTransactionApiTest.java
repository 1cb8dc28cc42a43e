package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code quarry.api.max-transaction-operations} raised to 10,000, a {@code $transaction} of 10,000 operations
 * runs in one transaction and answers each in order: the chain of steps does not grow the stack with their number
 * (a nested chain overflowed it at a few thousand, never answered, and left its connection idle in transaction).
 */
@QuarkusTest
@TestProfile(LongTransactionApiTest.TenThousandOperations.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "LongTransactionApiTest")
        })
class LongTransactionApiTest {

    static final int OPERATIONS = 10_000;

    public static final class TenThousandOperations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarry.api.max-transaction-operations",
                    String.valueOf(OPERATIONS),
                    "quarry.api.max-transaction-timeout",
                    "120s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void tenThousandOperationsRunInOrderInOneTransaction() throws Exception {
        for (int counter = 0; counter < 4; counter++) {
            HttpResponse<String> created = send(
                    "/api/rpc/user/create",
                    "{\"data\":{\"email\":\"u" + counter + "@x.io\",\"counter\":" + counter + "}}");
            assertEquals(200, created.statusCode(), created.body());
        }
        // operation i counts the users whose counter is at least i % 4 (4, 3, 2, 1, 4, …); every 1,000th creates a
        // tag
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < OPERATIONS; i++) {
            body.append(i == 0 ? "" : ",");
            if (i % 1000 == 999) {
                body.append("{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"t")
                        .append(i)
                        .append("\"},\"select\":{\"name\":true}}}");
            } else {
                body.append("{\"delegate\":\"user\",\"operation\":\"count\",\"args\":{\"where\":{\"counter\":{\"gte\":")
                        .append(i % 4)
                        .append("}}}}");
            }
        }
        body.append("]");
        long start = System.nanoTime();
        HttpResponse<String> r = send("/api/rpc/$transaction", body.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "LONG TX: %d operations (%d bytes) answered %d after %d ms%n",
                OPERATIONS, body.length(), r.statusCode(), millis);
        assertEquals(
                200,
                r.statusCode(),
                r.body().substring(0, Math.min(2000, r.body().length())));
        JsonNode results = new ObjectMapper().readTree(r.body());
        assertEquals(OPERATIONS, results.size());
        for (int i = 0; i < OPERATIONS; i++) {
            if (i % 1000 == 999) {
                assertEquals("t" + i, results.get(i).get("name").textValue(), "result " + i);
            } else {
                assertEquals(4 - i % 4, results.get(i).intValue(), "result " + i);
            }
        }
        assertEquals(
                "10",
                send("/api/rpc/tag/count", "{\"where\":{\"name\":{\"startsWith\":\"t\"}}}")
                        .body());
        IdleTransactions.assertNone(FreshDatabase.current(), "10,000 operations");

        // one past the raised limit is still refused before anything runs
        HttpResponse<String> over = send(
                "/api/rpc/$transaction",
                "[" + "{\"delegate\":\"user\",\"operation\":\"count\"},".repeat(OPERATIONS)
                        + "{\"delegate\":\"user\",\"operation\":\"count\"}]");
        assertEquals(400, over.statusCode(), over.body());
        assertTrue(over.body().contains("maximum of 10000"), over.body());
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
