package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input is a 400 problem+json naming the parameter, the path inside it and what is allowed; never a 500. */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "ReadErrorsApiTest")
        })
@ExtendWith(DocumentedAnswers.Checked.class)
class ReadErrorsApiTest {

    private static ValidatableResponse problem(ValidatableResponse r, int status, String code) {
        return r.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", containsString(code))
                .body("title", not(equalTo(null)))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("java.")));
    }

    @Test
    void unknownModel() {
        problem(given().get("/api/nopes").then(), 400, "Q110").body("meta.allowed", hasItem("accounts"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{}")
                                .post("/api/rpc/nope/findMany")
                                .then(),
                        400,
                        "Q110")
                .body("meta.allowed", hasItem("aPIKey"));
    }

    @Test
    void unknownFieldNamesParameterPathAndAllowedFields() {
        problem(
                        given().queryParam("filter", "{\"author\":{\"is\":{\"emial\":\"x\"}}}")
                                .get("/api/articles")
                                .then(),
                        400,
                        "Q102")
                .body("meta.parameter", equalTo("filter"))
                .body("meta.path", equalTo("author.is.emial"))
                .body("meta.allowed", hasItem("email"));
        problem(given().queryParam("select", "id,nope").get("/api/accounts").then(), 400, "Q102")
                .body("meta.parameter", equalTo("select"))
                .body("meta.path", equalTo("nope"));
        problem(
                        given().queryParam("orderBy", "author.nope:desc")
                                .get("/api/articles")
                                .then(),
                        400,
                        "Q102")
                .body("meta.parameter", equalTo("orderBy"));
    }

    @Test
    void operatorOnTheWrongType() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"active\":{\"contains\":\"x\"}}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q103")
                .body("meta.parameter", equalTo("body"))
                .body("meta.path", equalTo("where.active.contains"))
                .body("meta.allowed", hasItem("equals"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"articles\":{\"is\":{}}}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q103")
                .body("meta.allowed", hasItem("some"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"tags\":{\"contains\":\"x\"}}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q103")
                .body("meta.allowed", hasItem("hasSome"));
    }

    @Test
    void wrongTypesAndRanges() {
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"id\":{\"equals\":\"x\"}}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q104")
                .body("meta.path", equalTo("where.id.equals"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"id\":1.5}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q104");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"id\":99999999999}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q105");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"views\":\"99999999999999999999\"}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q105");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"createdAt\":\"2024-01-01\"}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q104");
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"role\":\"KING\"}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q104")
                .body("meta.allowed", hasItem("ADMIN"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"avatar\":\"***\"}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q104");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"email\":null}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q104");
        problem(given().queryParam("filter[id][gt]", "two").get("/api/accounts").then(), 400, "Q104")
                .body("meta.parameter", equalTo("filter"));
        problem(given().queryParam("skip", "-1").get("/api/accounts").then(), 400, "Q105");
    }

    @Test
    void malformedJson() {
        problem(given().queryParam("filter", "{\"email\":").get("/api/accounts").then(), 400, "Q100")
                .body("meta.parameter", equalTo("filter"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q100")
                .body("meta.parameter", equalTo("body"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("[1]")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q104");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"take\":1,\"take\":2}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q100");
    }

    @Test
    void limitsNameTheLimit() {
        problem(given().queryParam("take", "5000").get("/api/accounts").then(), 400, "Q106")
                .body("detail", containsString("1000"))
                .body("detail", containsString("quarry.api.max-take"));
        problem(given().queryParam("take", "-5000").get("/api/accounts").then(), 400, "Q106");
        String deep = "true";
        for (int i = 0; i < 9; i++) {
            deep = "{\"include\":{\"children\":" + deep + "}}";
        }
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"include\":{\"children\":" + deep + "}}")
                                .post("/api/rpc/category/findMany")
                                .then(),
                        400,
                        "Q107")
                .body("detail", containsString("quarry.api.max-depth"));
    }

    @Test
    void argumentMistakes() {
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"select\":{\"id\":true},\"include\":{\"profile\":true}}")
                        .post("/api/rpc/account/findMany")
                        .then(),
                400,
                "Q109");
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"where\":{\"handle\":\"ann\"}}")
                                .post("/api/rpc/account/findUnique")
                                .then(),
                        400,
                        "Q108")
                .body("meta.allowed", hasItem("handle_role"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{\"wher\":{}}")
                                .post("/api/rpc/account/findMany")
                                .then(),
                        400,
                        "Q101")
                .body("meta.allowed", hasItem("where"));
        problem(given().queryParam("filtre", "x").get("/api/accounts").then(), 400, "Q101")
                .body("meta.allowed", hasItem("filter"));
        problem(
                        given().contentType(ContentType.JSON)
                                .body("{}")
                                .post("/api/rpc/account/explode")
                                .then(),
                        400,
                        "Q111")
                .body("meta.allowed", hasItem("findMany"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"take\":3}")
                        .post("/api/rpc/account/findFirst")
                        .then(),
                400,
                "Q104");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"by\":[\"role\"],\"orderBy\":{\"email\":\"asc\"}}")
                        .post("/api/rpc/account/groupBy")
                        .then(),
                400,
                "P2019");
        problem(
                        given().queryParam("orderBy", "id:sideways")
                                .get("/api/accounts")
                                .then(),
                        400,
                        "Q104")
                .body("meta.allowed", hasItem("desc"));
    }

    @Test
    void missingRecordsAndBadIds() {
        problem(given().get("/api/accounts/999").then(), 404, "P2025");
        problem(given().get("/api/accounts/abc").then(), 400, "Q104").body("meta.parameter", equalTo("id"));
        problem(given().get("/api/memberships/1").then(), 400, "Q104").body("meta.allowed", hasItem("teamId"));
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"id\":999}}")
                        .post("/api/rpc/account/findUniqueOrThrow")
                        .then(),
                404,
                "P2025");
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"id\":999}}")
                .post("/api/rpc/account/findUnique")
                .then()
                .statusCode(200)
                .body(equalTo("null"));
    }

    @Test
    void aDatabaseRefusalIsA400() {
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"where\":{\"body\":{\"search\":\"cat &\"}}}")
                        .post("/api/rpc/article/findMany")
                        .then(),
                400,
                "Q112");
    }
}
