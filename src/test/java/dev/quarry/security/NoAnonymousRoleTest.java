package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jwt mode with no anonymous role, trusting the RSA key as a PEM file: without a token nothing of the API answers.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "no-anonymous-role")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "key", value = "pem"))
class NoAnonymousRoleTest {

    @BeforeAll
    void database() {
        BlogDatabase.seedWithHandWrittenPolicies(FreshDatabase.current());
    }

    @Test
    void withoutATokenEveryApiRouteIs401() {
        for (String path :
                new String[] {"/api/posts", "/api/posts/p_bob_pub", "/api/posts/_count", "/api/users?include=posts"}) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"quarry\"")
                    .body("meta.reason", equalTo("token-missing"));
        }
        given().contentType("application/json")
                .body("{}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .body("{\"title\":\"t\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                .post("/api/posts")
                .then()
                .statusCode(401);
    }

    @Test
    void healthAndTheApiDescriptionStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aTokenVerifiedWithThePemKeyIsAccepted() {
        given().auth()
                .oauth2(TestKeys.user("u_bob"))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
    }

    @Test
    void aTokenWithoutARoleIsRefusedWhenThereIsNoAnonymousRole() {
        given().auth()
                .oauth2(TestKeys.rs256(TestKeys.claims(Map.of("id", "u_bob"))))
                .get("/api/posts")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-invalid"))
                .body("detail", equalTo("The token names no role (claim role) and this API has no anonymous role"));
    }
}
