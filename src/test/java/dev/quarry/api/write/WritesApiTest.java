package dev.quarry.api.write;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every write operation on both surfaces, through the real server, with the returned record read back. */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "WritesApiTest")
        }) // a database of its own: classes with equal resources would share one
@ExtendWith(DocumentedAnswers.Checked.class)
class WritesApiTest {

    static Response rpc(String delegate, String operation, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/rpc/" + delegate + "/" + operation);
    }

    @Test
    void createWithNestedCreateReturnsTheRecordWithLocationAndEtag() {
        Response r = given().contentType(ContentType.JSON)
                .queryParam("include", "posts,profile")
                .body("{\"email\":\"ann@x.io\",\"name\":\"Ann\",\"tags\":[\"a\",\"b\"],"
                        + "\"posts\":{\"create\":[{\"title\":\"one\"},{\"title\":\"two\"}]},"
                        + "\"profile\":{\"create\":{\"bio\":\"hi\"}}}")
                .when()
                .post("/api/users");
        r.then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", containsString("/api/users/c"))
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
                .body("email", equalTo("ann@x.io"))
                .body("id", matchesPattern("c[0-9a-z]{24}"))
                .body("tags", contains("a", "b"))
                .body("counter", equalTo(0))
                .body("updatedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("posts.title", containsInAnyOrder("one", "two"))
                .body("profile.bio", equalTo("hi"));
        given().when().get(r.header("Location")).then().statusCode(200).body("email", equalTo("ann@x.io"));
    }

    @Test
    void rpcCreateConnectsAndSelects() {
        String userId = rpc("user", "create", "{\"data\":{\"email\":\"bob@x.io\"}}")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        rpc(
                        "post",
                        "create",
                        "{\"data\":{\"title\":\"t\",\"author\":{\"connect\":{\"id\":\"" + userId + "\"}}},"
                                + "\"select\":{\"title\":true,\"author\":{\"select\":{\"email\":true}}}}")
                .then()
                .statusCode(200)
                .body("title", equalTo("t"))
                .body("author.email", equalTo("bob@x.io"))
                .body("id", nullValue());
    }

    @Test
    void uniqueViolationIsP2002WithTarget() {
        rpc("user", "create", "{\"data\":{\"email\":\"dup@x.io\"}}").then().statusCode(200);
        rpc("user", "create", "{\"data\":{\"email\":\"dup@x.io\"}}")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("P2002"))
                .body("meta.target", contains("email"))
                .body("meta.modelName", equalTo("User"));
    }

    @Test
    void updateIncrementsAtomicallyAndDeleteReturnsTheRecord() {
        String id = rpc("user", "create", "{\"data\":{\"email\":\"cnt@x.io\",\"counter\":5}}")
                .then()
                .extract()
                .path("id");
        given().contentType(ContentType.JSON)
                .body("{\"counter\":{\"increment\":2},\"tags\":{\"push\":\"z\"},\"name\":null}")
                .when()
                .patch("/api/users/" + id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("counter", equalTo(7))
                .body("tags", contains("z"))
                .body("name", nullValue());
        rpc("user", "update", "{\"where\":{\"email\":\"cnt@x.io\"},\"data\":{\"counter\":{\"multiply\":3}}}")
                .then()
                .statusCode(200)
                .body("counter", equalTo(21));
        given().when().delete("/api/users/" + id).then().statusCode(200).body("counter", equalTo(21));
        given().when().get("/api/users/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\"}")
                .when()
                .patch("/api/users/" + id)
                .then()
                .statusCode(404)
                .body("code", equalTo("P2025"));
    }

    @Test
    void upsertCreatesThenUpdates() {
        rpc("tag", "upsert", "{\"where\":{\"name\":\"java\"},\"create\":{\"name\":\"java\"},\"update\":{}}")
                .then()
                .statusCode(200)
                .body("name", equalTo("java"));
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"create\":{\"value\":\"v1\"},\"update\":{\"value\":\"v1\"}}")
                .when()
                .put("/api/settings/app,theme")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(201)
                .body("value", equalTo("v1"))
                .body("scope", equalTo("app"))
                .body("token", matchesPattern("[A-Za-z0-9_-]{10}"))
                .body("ref", matchesPattern("[0-9A-Z]{26}"))
                .body("uid", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"create\":{\"value\":\"v2\"},\"update\":{\"value\":\"v2\"}}")
                .when()
                .put("/api/settings/app,theme")
                .then()
                .statusCode(200)
                .body("value", equalTo("v2"));
    }

    @Test
    void bulkAndManyOperations() {
        given().contentType(ContentType.JSON)
                .body("[{\"title\":\"m1\",\"views\":1},{\"title\":\"m2\"},{\"title\":\"m3\"}]")
                .when()
                .post("/api/posts/bulk")
                .then()
                .statusCode(201)
                .body("count", equalTo(3));
        given().contentType(ContentType.JSON)
                .queryParam("select", "title")
                .body("[{\"title\":\"r1\"},{\"title\":\"r2\"}]")
                .when()
                .post("/api/posts/bulk")
                .then()
                .statusCode(201)
                .body("count", equalTo(2))
                .body("records.title", contains("r1", "r2"));
        given().contentType(ContentType.JSON)
                .queryParam("filter[title][startsWith]", "m")
                .body("{\"views\":{\"increment\":10}}")
                .when()
                .patch("/api/posts")
                .then()
                .statusCode(200)
                .body("count", equalTo(3));
        rpc("post", "findMany", "{\"where\":{\"title\":{\"startsWith\":\"m\"}},\"orderBy\":{\"title\":\"asc\"}}")
                .then()
                .body("views", contains(11, 10, 10));
        given().contentType(ContentType.JSON)
                .queryParam("filter[title]", "m2")
                .queryParam("select", "title,views")
                .body("{\"views\":{\"increment\":5}}")
                .when()
                .patch("/api/posts")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("records[0].title", equalTo("m2"))
                .body("records[0].views", equalTo(15))
                .body("records[0].id", nullValue());
        given().contentType(ContentType.JSON)
                .queryParam("filter[title]", "m3")
                .header("Prefer", "return=representation")
                .body("{\"views\":0}")
                .when()
                .patch("/api/posts")
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("records[0].views", equalTo(0));
        given().contentType(ContentType.JSON)
                .queryParam("filter[title]", "m3")
                .queryParam("take", "1")
                .body("{\"views\":0}")
                .when()
                .patch("/api/posts")
                .then()
                .statusCode(400);
        rpc(
                        "post",
                        "updateManyAndReturn",
                        "{\"where\":{\"title\":\"m3\"},\"data\":{\"views\":2},\"select\":{\"views\":true}}")
                .then()
                .statusCode(200)
                .body("views", contains(2));
        rpc("post", "updateManyAndReturn", "{\"where\":{\"title\":\"m3\"},\"data\":{\"views\":2},\"take\":1}")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"views\":1}")
                .when()
                .patch("/api/posts")
                .then()
                .statusCode(400);
        given().queryParam("filter", "{\"title\":{\"startsWith\":\"r\"}}")
                .when()
                .delete("/api/posts")
                .then()
                .statusCode(200)
                .body("count", equalTo(2));
        rpc("post", "deleteMany", "{\"where\":{\"title\":{\"startsWith\":\"m\"}}}")
                .then()
                .statusCode(200)
                .body("count", equalTo(3));
    }

    @Test
    void transactionIsAtomic() {
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("[{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"tx1\"}}},"
                        + "{\"delegate\":\"tag\",\"operation\":\"count\",\"args\":{\"where\":{\"name\":\"tx1\"}}}]")
                .when()
                .post("/api/rpc/$transaction")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo("tx1"))
                .body("[1]", equalTo(1));
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("[{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"tx2\"}}},"
                        + "{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"tx1\"}}}]")
                .when()
                .post("/api/rpc/$transaction")
                .then()
                .statusCode(409)
                .body("code", equalTo("P2002"));
        rpc("tag", "count", "{\"where\":{\"name\":\"tx2\"}}").then().body(equalTo("0"));
    }

    @Test
    void transactionWithOptionsTakesTheObjectFormOnly() {
        String operations = "[{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"tx3\"}}},"
                + "{\"delegate\":\"tag\",\"operation\":\"count\",\"args\":{\"where\":{\"name\":\"tx3\"}}}]";
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body("{\"operations\":" + operations + ",\"isolationLevel\":\"Serializable\",\"timeout\":5000}")
                .when()
                .post("/api/rpc/$transaction/withOptions")
                .then()
                .statusCode(200)
                .body("[0].name", equalTo("tx3"))
                .body("[1]", equalTo(1));
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .body(operations)
                .when()
                .post("/api/rpc/$transaction/withOptions")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q104"));
        given().urlEncodingEnabled(false)
                .contentType(ContentType.JSON)
                .when()
                .post("/api/rpc/$transaction/withOptions")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q108"));
        rpc("tag", "count", "{\"where\":{\"name\":\"tx3\"}}").then().body(equalTo("1"));
    }

    @Test
    void viewsAreReadOnly() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"x\",\"email\":\"y\"}")
                .when()
                .post("/api/userNames")
                .then()
                .statusCode(405);
        rpc("userName", "create", "{\"data\":{\"id\":\"x\",\"email\":\"y\"}}")
                .then()
                .statusCode(405);
    }

    @Test
    void failingNestedWriteRollsBackEverything() {
        // a to-many connect of a missing record: Prisma's P2018 ("The required connected records were not found")
        rpc(
                        "user",
                        "create",
                        "{\"data\":{\"email\":\"rb@x.io\",\"posts\":{\"create\":{\"title\":\"p\"},"
                                + "\"connect\":{\"id\":999999}}}}")
                .then()
                .statusCode(404)
                .body("code", equalTo("P2018"));
        rpc("user", "count", "{\"where\":{\"email\":\"rb@x.io\"}}").then().body(equalTo("0"));
        rpc("post", "count", "{\"where\":{\"title\":\"p\"}}").then().body(equalTo("0"));
    }

    @Test
    void missingAndNullRequiredValuesAre400() {
        rpc("user", "create", "{\"data\":{\"name\":\"no email\"}}")
                .then()
                .statusCode(400)
                .body("code", equalTo("P2012"))
                .body("meta.path", equalTo("data.email"));
        rpc("user", "create", "{\"data\":{\"email\":null}}")
                .then()
                .statusCode(400)
                .body("code", equalTo("P2011"));
        rpc("user", "create", "{\"data\":{\"email\":\"e@x.io\",\"counter\":\"many\"}}")
                .then()
                .statusCode(400)
                .body("meta.path", equalTo("data.counter"));
        given().contentType(ContentType.JSON)
                .body("{\"email\":")
                .when()
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q100"));
    }

    @Test
    void etagsOfReadsAndWritesAgreeAndIfMatchIsEnforced() {
        Response created = given().contentType(ContentType.JSON)
                .body("{\"email\":\"tag@x.io\"}")
                .when()
                .post("/api/users");
        String location = created.header("Location");
        String etag = created.header("ETag");
        given().when().get(location).then().statusCode(200).header("ETag", equalTo(etag));
        String next = given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"name\":\"v2\"}")
                .when()
                .patch(location)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        given().when().get(location).then().header("ETag", equalTo(next));
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"name\":\"stale\"}")
                .when()
                .patch(location)
                .then()
                .statusCode(412)
                .body("code", equalTo("Q412"));
        given().header("If-Match", etag).when().delete(location).then().statusCode(412);
        given().contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body("{\"create\":{\"email\":\"tag@x.io\"},\"update\":{\"name\":\"stale\"}}")
                .when()
                .put(location)
                .then()
                .statusCode(412);
        given().when().get(location).then().body("name", equalTo("v2"));
        given().header("If-Match", next)
                .when()
                .delete(location)
                .then()
                .statusCode(200)
                .body("name", equalTo("v2"));
    }

    @Test
    void deleteWithPreferReturnMinimalAnswers204AndUpsertBodiesAreChecked() {
        String location = given().contentType(ContentType.JSON)
                .body("{\"email\":\"minimal@x.io\"}")
                .when()
                .post("/api/users")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"no create or update\"}")
                .when()
                .put(location)
                .then()
                .statusCode(400)
                .body("meta.path", equalTo("name"));
        given().header("Prefer", "return=minimal")
                .when()
                .delete(location)
                .then()
                .statusCode(204);
        given().when().get(location).then().statusCode(404).body("code", equalTo("P2025"));
    }
}
