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

    /** An RPC call with a JSON body. */
    private static ValidatableResponse rpc(String model, String operation, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/rpc/" + model + "/" + operation)
                .then();
    }

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
        problem(rpc("nope", "findMany", "{}"), 400, "Q110").body("meta.allowed", hasItem("aPIKey"));
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
        problem(rpc("account", "findMany", "{\"where\":{\"active\":{\"contains\":\"x\"}}}"), 400, "Q103")
                .body("meta.parameter", equalTo("body"))
                .body("meta.path", equalTo("where.active.contains"))
                .body("meta.allowed", hasItem("equals"));
        problem(rpc("account", "findMany", "{\"where\":{\"articles\":{\"is\":{}}}}"), 400, "Q103")
                .body("meta.allowed", hasItem("some"));
        problem(rpc("account", "findMany", "{\"where\":{\"tags\":{\"contains\":\"x\"}}}"), 400, "Q103")
                .body("meta.allowed", hasItem("hasSome"));
    }

    @Test
    void wrongTypesAndRanges() {
        problem(rpc("account", "findMany", "{\"where\":{\"id\":{\"equals\":\"x\"}}}"), 400, "Q104")
                .body("meta.path", equalTo("where.id.equals"));
        problem(rpc("account", "findMany", "{\"where\":{\"id\":1.5}}"), 400, "Q104");
        problem(rpc("account", "findMany", "{\"where\":{\"id\":99999999999}}"), 400, "Q105");
        problem(rpc("account", "findMany", "{\"where\":{\"views\":\"99999999999999999999\"}}"), 400, "Q105");
        problem(rpc("account", "findMany", "{\"where\":{\"createdAt\":\"2024-01-01\"}}"), 400, "Q104");
        problem(rpc("account", "findMany", "{\"where\":{\"role\":\"KING\"}}"), 400, "Q104")
                .body("meta.allowed", hasItem("ADMIN"));
        problem(rpc("account", "findMany", "{\"where\":{\"avatar\":\"***\"}}"), 400, "Q104");
        problem(rpc("account", "findMany", "{\"where\":{\"email\":null}}"), 400, "Q104");
        problem(given().queryParam("filter[id][gt]", "two").get("/api/accounts").then(), 400, "Q104")
                .body("meta.parameter", equalTo("filter"));
        problem(given().queryParam("skip", "-1").get("/api/accounts").then(), 400, "Q105");
    }

    @Test
    void malformedJson() {
        problem(given().queryParam("filter", "{\"email\":").get("/api/accounts").then(), 400, "Q100")
                .body("meta.parameter", equalTo("filter"));
        problem(rpc("account", "findMany", "{\"where\":"), 400, "Q100").body("meta.parameter", equalTo("body"));
        problem(rpc("account", "findMany", "[1]"), 400, "Q104");
        problem(rpc("account", "findMany", "{\"take\":1,\"take\":2}"), 400, "Q100");
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
        problem(rpc("category", "findMany", "{\"include\":{\"children\":" + deep + "}}"), 400, "Q107")
                .body("detail", containsString("quarry.api.max-depth"));
    }

    @Test
    void argumentMistakes() {
        problem(rpc("account", "findMany", "{\"select\":{\"id\":true},\"include\":{\"profile\":true}}"), 400, "Q109");
        problem(rpc("account", "findUnique", "{\"where\":{\"handle\":\"ann\"}}"), 400, "Q108")
                .body("meta.allowed", hasItem("handle_role"));
        problem(rpc("account", "findMany", "{\"wher\":{}}"), 400, "Q101").body("meta.allowed", hasItem("where"));
        problem(given().queryParam("filtre", "x").get("/api/accounts").then(), 400, "Q101")
                .body("meta.allowed", hasItem("filter"));
        problem(rpc("account", "explode", "{}"), 400, "Q111").body("meta.allowed", hasItem("findMany"));
        problem(rpc("account", "findFirst", "{\"take\":3}"), 400, "P2019");
        problem(rpc("account", "groupBy", "{\"by\":[\"role\"],\"orderBy\":{\"email\":\"asc\"}}"), 400, "P2019");
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
        problem(rpc("account", "findUniqueOrThrow", "{\"where\":{\"id\":999}}"), 404, "P2025");
        rpc("account", "findUnique", "{\"where\":{\"id\":999}}").statusCode(200).body(equalTo("null"));
    }

    @Test
    void aDatabaseRefusalIsA400() {
        problem(rpc("article", "findMany", "{\"where\":{\"body\":{\"search\":\"cat &\"}}}"), 400, "Q112");
    }
}
