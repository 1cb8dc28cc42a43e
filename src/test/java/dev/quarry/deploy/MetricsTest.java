package dev.quarry.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint the Deployment's scrape annotations name: it serves, and it counts what the service does.
 */
@QuarkusTest
@WithTestResource(FreshDatabase.class)
class MetricsTest {

    private static final String READS_OK =
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                    + "uri=\"/api/{route}\"}";
    private static final String READS_BAD =
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"400\","
                    + "uri=\"/api/{route}\"}";
    private static final String POOL_COMPLETED = "sql_pool_completed_total{pool_name=\"quarry\",pool_type=\"sql\"}";

    @Test
    void theScrapeAnnotationsNameAnEndpointThatCountsRequestsAndPoolUse() throws Exception {
        ObjectMeta pod = Manifests.one(
                        Manifests.readFile(Manifests.ROOT.resolve("base/deployment.yaml")), Deployment.class, "quarry")
                .getSpec()
                .getTemplate()
                .getMetadata();
        Map<String, String> annotations = pod.getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("8080", annotations.get("prometheus.io/port"), "the container's http port");
        String path = annotations.get("prometheus.io/path");

        given().when().get("/api/users").then().statusCode(200);
        Map<String, Double> before = scrape(path);
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/users").then().statusCode(200);
        }
        given().when().get("/api/users?take=many").then().statusCode(400);
        Map<String, Double> after = awaitCount(path, READS_OK, before.getOrDefault(READS_OK, 0.0) + 5);

        assertEquals(
                5.0,
                after.get(READS_OK) - before.get(READS_OK),
                "each read counted once, by route template and status");
        assertEquals(
                1.0, after.getOrDefault(READS_BAD, 0.0) - before.getOrDefault(READS_BAD, 0.0), "the 400 counted apart");
        assertTrue(
                after.get(POOL_COMPLETED) - before.get(POOL_COMPLETED) >= 5,
                () -> "each read took a connection of the pool: " + after);
        assertTrue(
                after.containsKey("sql_pool_queue_size{pool_name=\"quarry\",pool_type=\"sql\"}"),
                "requests waiting for a connection");
        assertTrue(
                after.keySet().stream()
                        .anyMatch(k -> k.startsWith("http_server_requests_seconds_bucket{")
                                && k.contains("uri=\"/api/{route}\"")),
                "latency histograms, for quantiles across replicas");
    }

    /** Metrics are recorded as the response ends, which may be just after the client has it. */
    private static Map<String, Double> awaitCount(String path, String series, double expected)
            throws InterruptedException {
        Map<String, Double> metrics = scrape(path);
        for (int attempt = 0; attempt < 50 && metrics.getOrDefault(series, 0.0) < expected; attempt++) {
            Thread.sleep(100);
            metrics = scrape(path);
        }
        return metrics;
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{.*\\})?) (\\S+)$", Pattern.MULTILINE);

    private static Map<String, Double> scrape(String path) {
        String body = given().accept("text/plain")
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .extract()
                .asString();
        Map<String, Double> samples = new HashMap<>();
        Matcher m = SAMPLE.matcher(body);
        while (m.find()) {
            samples.put(
                    m.group(1).replace(",}", "}"),
                    Double.parseDouble(m.group(2))); // the text format ends labels with a comma
        }
        return samples;
    }
}
