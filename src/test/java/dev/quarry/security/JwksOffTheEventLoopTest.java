package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token verified against a JWK set URL: the first one makes SmallRye fetch the set (a blocking HTTP call, here 2
 * s long). The verification runs on a worker thread, so the one event loop keeps serving: an anonymous request sent
 * during the fetch answers long before it ends.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "jwks-off-the-event-loop")
        })
@WithTestResource(JwksServer.class)
class JwksOffTheEventLoopTest {

    @BeforeAll
    void prepareDatabase() {
        BlogDatabase.seedWithHandWrittenPolicies(FreshDatabase.current());
    }

    @Test
    void theFetchOfTheJwkSetDoesNotBlockOtherRequests() throws Exception {
        given().get("/api/posts").then().statusCode(200); // warm: no token, no fetch
        long start = System.nanoTime();
        CompletableFuture<Integer> withToken = CompletableFuture.supplyAsync(() -> given().auth()
                .oauth2(TestKeys.user("u_alice"))
                .get("/api/posts")
                .then()
                .extract()
                .statusCode());
        Thread.sleep(300);
        given().get("/api/posts").then().statusCode(200).body("$", hasSize(2));
        long anonymousMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(Integer.valueOf(200).equals(withToken.get()), "the token verifies against the fetched JWK set");
        long tokenMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "[security] JWK set fetch of %d ms: the anonymous request answered at %d ms, the token's "
                        + "at %d ms%n",
                JwksServer.DELAY_MILLIS, anonymousMillis, tokenMillis);
        assertTrue(
                tokenMillis >= JwksServer.DELAY_MILLIS,
                "the token's request waited for the fetch: " + tokenMillis + " ms");
        assertTrue(
                anonymousMillis < JwksServer.DELAY_MILLIS - 500,
                "the anonymous request waited for the fetch: " + anonymousMillis + " ms");
        given().auth()
                .oauth2(TestKeys.user("u_alice"))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
    }
}
