package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "RichReadsApiTest")
        })
class RichReadsApiTest {

    @Test
    void findManyOnBothSurfaces() {
        given().queryParam("orderBy", "id:desc")
                .queryParam("select", "id,email")
                .queryParam("take", "2")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", contains(5, 4));
        given().contentType(ContentType.JSON)
                .body("{\"orderBy\":{\"id\":\"desc\"},\"select\":{\"id\":true,\"email\":true},\"take\":2}")
                .when()
                .post("/api/rpc/account/findMany")
                .then()
                .statusCode(200)
                .body("id", contains(5, 4));
    }

    @Test
    void curlShorthandMeansWhatTheJsonFormMeans() {
        given().queryParam("filter[articles][some][status]", "DRAFT")
                .queryParam("select", "id")
                .queryParam("orderBy", "id")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1, 4));
        given().queryParam("filter[tags][hasSome]", "green,Red")
                .queryParam("select", "id")
                .queryParam("orderBy", "id")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(4, 5));
        given().queryParam("filter[createdAt][gte]", "2024-01-01T12:00:00.123+02:00")
                .queryParam("filter[active]", "true")
                .queryParam("select", "id")
                .queryParam("orderBy", "id")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1, 2, 4));
        given().queryParam("filter[mentorId]", "null")
                .queryParam("select", "id")
                .queryParam("orderBy", "id:desc")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(5, 1));
        given().queryParam("filter[OR][0][id]", "1")
                .queryParam("filter[OR][1][role]", "GUEST")
                .queryParam("select", "id")
                .queryParam("orderBy", "id")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1, 3));
        given().queryParam("filter[views][in]", "0,7")
                .queryParam("filter[balance][lt]", "1000")
                .queryParam("select", "id")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(2));
        given().queryParam("filter", "{\"articles\":{\"some\":{\"status\":\"DRAFT\"}}}")
                .queryParam("select", "{\"id\":true}")
                .queryParam("orderBy", "{\"id\":\"asc\"}")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1, 4));
    }

    @Test
    void unknownFieldIsA400NamingParameterPathAndAllowed() {
        given().queryParam("filter", "{\"emial\":\"x\"}")
                .when()
                .get("/api/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("Q102"))
                .body("meta.parameter", equalTo("filter"))
                .body("meta.path", equalTo("emial"));
    }
}
