package dev.quarry.example;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example hand-written endpoint, on the blog's tables as Prisma's migration creates them. */
@QuarkusTest
@WithTestResource(FreshDatabase.class)
class TopAuthorsResourceTest {

    @BeforeEach
    void seed() {
        TestServer.execute(FreshDatabase.current(), """
                DELETE FROM "Post"; DELETE FROM "User";
                INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES
                  ('u1', 'ada@example.com', 'Ada', now()), ('u2', 'bob@example.com', NULL, now()),
                  ('u3', 'cy@example.com', 'Cy', now()), ('u4', 'dee@example.com', 'Dee', now());
                INSERT INTO "Post" ("id", "title", "body", "published", "authorId") VALUES
                  ('p1', 'a', '', true, 'u2'), ('p2', 'b', '', true, 'u2'), ('p3', 'c', '', false, 'u2'),
                  ('p4', 'd', '', true, 'u1'), ('p5', 'e', '', false, 'u3'), ('p6', 'f', '', false, 'u3'),
                  ('p7', 'g', '', true, 'u4');
                """);
    }

    @Test
    void ranksUsersByPublishedPostsWithTies() {
        given().when()
                .get("/api/reports/top-authors")
                .then()
                .statusCode(200)
                .body("email", contains("bob@example.com", "ada@example.com", "dee@example.com", "cy@example.com"))
                .body("publishedPosts", contains(2, 1, 1, 0))
                .body("[0].id", equalTo("u2"))
                .body("[0].name", nullValue())
                .body("[1].name", equalTo("Ada"));
    }

    @Test
    void takeLimitsTheRanking() {
        given().queryParam("take", 2)
                .when()
                .get("/api/reports/top-authors")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("email", contains("bob@example.com", "ada@example.com"));
    }

    @Test
    void aBadTakeIsAProblemNamingTheParameter() {
        given().queryParam("take", 0)
                .when()
                .get("/api/reports/top-authors")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("code", equalTo("Q105"))
                .body("meta.parameter", equalTo("take"))
                .body("detail", containsString("1 to 100"));
        given().queryParam("take", "ten")
                .when()
                .get("/api/reports/top-authors")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q104"))
                .body("detail", containsString("whole number"));
    }

    @Test
    void theEndpointIsInTheOpenApiDocument() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/api/reports/top-authors'.get.operationId", equalTo("topAuthors"))
                .body("paths.'/api/reports/top-authors'.get.parameters[0].name", equalTo("take"))
                .body("components.schemas.AuthorRanking.properties.publishedPosts.type", equalTo("integer"));
    }
}
