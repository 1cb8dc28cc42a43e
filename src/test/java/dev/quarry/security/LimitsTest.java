package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each limit at its boundary and one past it, in open mode with small limits; and the CORS and security headers.
 */
@QuarkusTest
@TestProfile(LimitsTest.SmallLimits.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "limits")
        })
@ExtendWith(DocumentedAnswers.Checked.class)
class LimitsTest {

    static final int MAX_BODY = 2048;

    public static final class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarry.api.max-take",
                    "3",
                    "quarry.api.max-depth",
                    "2",
                    "quarry.api.max-filter-nodes",
                    "4",
                    "quarry.api.statement-timeout",
                    "1s",
                    "quarkus.http.limits.max-body-size",
                    MAX_BODY + "",
                    "quarkus.http.cors.origins",
                    "https://app.example");
        }
    }

    @BeforeAll
    void database() {
        BlogDatabase.seed(FreshDatabase.current());
    }

    @Test
    void take() {
        given().get("/api/posts?take=3").then().statusCode(200).body("$", hasSize(3));
        given().get("/api/posts?take=-3").then().statusCode(200).body("$", hasSize(3));
        given().get("/api/posts?take=4")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("Q106"))
                .body("detail", containsString("quarry.api.max-take"));
    }

    @Test
    void depth() {
        given().queryParam("include", "{\"posts\":{\"include\":{\"author\":true}}}")
                .get("/api/users")
                .then()
                .statusCode(200);
        given().urlEncodingEnabled(true)
                .queryParam("include", "{\"posts\":{\"include\":{\"author\":{\"include\":{\"posts\":true}}}}}")
                .get("/api/users")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q107"));
    }

    @Test
    void filterNodes() {
        // four keys: AND, title, contains, published
        given().queryParam("filter", "{\"AND\":[{\"title\":{\"contains\":\"i\"}},{\"published\":true}]}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().queryParam(
                        "filter",
                        "{\"AND\":[{\"title\":{\"contains\":\"i\"}},{\"published\":true}," + "{\"body\":\"hi\"}]}")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("Q120"))
                .body("detail", containsString("quarry.api.max-filter-nodes"))
                .body("meta.parameter", equalTo("filter"));
        // an in-list's values are not nodes
        given().queryParam("filter", "{\"id\":{\"in\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"p_bob_pub\"]}}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        given().contentType("application/json")
                .body("{\"where\":{\"OR\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},{\"id\":\"d\"}]}}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q120"));
    }

    @Test
    void bodySize() {
        String atLimit = body(MAX_BODY);
        String id = given().contentType("application/json")
                .body(atLimit)
                .post("/api/posts")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().delete("/api/posts/" + id).then().statusCode(200);
        given().contentType("application/json")
                .body(body(MAX_BODY + 1))
                .post("/api/posts")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("detail", containsString(MAX_BODY + " bytes"));
    }

    /**
     * Refusals made before any resource runs are problems a browser can read: CORS headers for an allowed origin.
     */
    @Test
    void earlyRefusalsAreProblemsWithCors() {
        given().header("Origin", "https://app.example")
                .contentType("application/json")
                .body(body(MAX_BODY + 1))
                .post("/api/posts")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("Q413"))
                .header("Access-Control-Allow-Origin", "https://app.example");
        String longFilter = "{\"title\":{\"in\":[\"" + "x".repeat(9000) + "\"]}}";
        given().header("Origin", "https://app.example")
                .queryParam("filter", longFilter)
                .get("/api/posts")
                .then()
                .statusCode(414)
                .contentType("application/problem+json")
                .body("code", equalTo("Q414"))
                .body("meta.maxLength", equalTo(8192))
                .body("detail", containsString("_query"))
                .header("Access-Control-Allow-Origin", "https://app.example");
        given().get("/api/posts?filter=" + "x".repeat(8000)).then().statusCode(400);
    }

    @Test
    void aBodyMustBeJson() {
        String create = "{\"authorId\":\"u_alice\",\"body\":\"b\",\"title\":\"typed\"}";
        given().header("Origin", "https://app.example")
                .contentType("text/plain")
                .body(create)
                .post("/api/posts")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("Q415"))
                .body("detail", containsString("text/plain"))
                .header("Access-Control-Allow-Origin", "https://app.example");
        given().contentType("application/x-www-form-urlencoded")
                .body("title=x")
                .post("/api/posts")
                .then()
                .statusCode(415);
        given().noContentType()
                .body(create.getBytes(StandardCharsets.UTF_8))
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(415);
        given().contentType("text/plain")
                .body("{}")
                .patch("/api/posts/p_bob_pub")
                .then()
                .statusCode(415);
        given().contentType("application/merge-patch+json; charset=utf-8")
                .body("{\"take\":1}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        // no body at all: a read's arguments may be left out
        given().post("/api/rpc/post/count").then().statusCode(200);
    }

    @Test
    void statementTimeoutInOpenMode() {
        given().contentType("application/json")
                .body("{\"title\":\"slow one\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                .post("/api/posts")
                .then()
                .statusCode(503)
                .header("Retry-After", String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS))
                .body("meta.reason", equalTo("statement-timeout"));
    }

    @Test
    void corsPreflightAndExposedHeaders() {
        given().header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,if-match,prefer,content-type")
                .options("/api/posts/p_bob_pub")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example")
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", "https://app.example")
                .get("/api/posts/p_bob_pub")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "https://app.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("X-Total-Count"))
                .header("Access-Control-Expose-Headers", containsString("Location"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/posts/p_bob_pub")
                .then()
                .statusCode(403);
    }

    @Test
    void securityHeadersOnEveryResponse() {
        for (String path : new String[] {"/api/posts", "/api/nothing", "/q/openapi", "/q/health"}) {
            given().get(path)
                    .then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "frame-ancestors 'none'");
        }
        given().get("/api/nothing")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store");
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /** Reported, not asserted: the same findUnique loop as in jwt mode (TokenAuthenticationTest). */
    @Test
    void measureFindUniqueCost() {
        ModeCost.report(
                "open mode", () -> given().get("/api/posts/p_alice_pub").then().statusCode(200));
    }

    /** A create body of exactly this many bytes. */
    private static String body(int bytes) {
        String start = "{\"authorId\":\"u_alice\",\"body\":\"b\",\"title\":\"";
        String end = "\"}";
        return start + "x".repeat(bytes - start.length() - end.length()) + end;
    }
}
