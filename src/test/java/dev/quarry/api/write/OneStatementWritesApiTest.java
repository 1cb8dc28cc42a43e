package dev.quarry.api.write;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.RecordedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A write of one record without nested writes is one statement with its read-back, sent alone (no BEGIN, no
 * COMMIT), counted as PostgreSQL receives them, through a {@link dev.quarry.testsupport.StatementRecorder} in front
 * of it.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "OneStatementWritesApiTest")
        })
class OneStatementWritesApiTest {

    /** The statements PostgreSQL has received, injected by {@link RecordedDatabase}. */
    Supplier<List<String>> executed;

    private static Response rpc(String delegate, String operation, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/rpc/" + delegate + "/" + operation);
    }

    /** The statements {@code request} made PostgreSQL execute, and its response. */
    private Sent send(Supplier<Response> request) {
        int before = executed.get().size();
        Response response = request.get();
        List<String> all = executed.get();
        return new Sent(all.subList(before, all.size()), response);
    }

    private record Sent(List<String> statements, Response response) {
        void alone(String start) {
            assertEquals(1, statements.size(), () -> "one statement, sent " + statements);
            assertTrue(statements.get(0).startsWith(start), () -> "expected " + start + "…, sent " + statements.get(0));
        }
    }

    private String user(String email) {
        return rpc("user", "create", "{\"data\":{\"email\":\"" + email + "\"}}")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    @Test
    void aFlatCreateIsOneStatementWithTheRecordLocationAndEtag() {
        Sent create = send(() -> given().contentType(ContentType.JSON)
                .queryParam("include", "{\"posts\":{\"take\":10},\"profile\":true,\"_count\":true}")
                .body("{\"email\":\"one@x.io\",\"name\":\"One\",\"tags\":[\"a\",\"b\"],\"settings\":{\"k\":[1,"
                        + "2]}}")
                .when()
                .post("/api/users"));
        create.alone("WITH \"__quarry_written\" AS (INSERT INTO \"User\"");
        String location = create.response()
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/users/c"))
                .body("email", equalTo("one@x.io"))
                .body("tags", contains("a", "b"))
                .body("settings.k", contains(1, 2))
                .body("counter", equalTo(0))
                .body("posts", hasSize(0))
                .body("profile", nullValue())
                .body("_count.posts", equalTo(0))
                .extract()
                .header("Location");
        // the tag the write answered is the one a read of the stored row computes
        given().when()
                .get(location)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(create.response().header("ETag")))
                .body("name", equalTo("One"));
    }

    @Test
    void aFlatCreateIncludingExistingRecordsIsOneStatement() {
        String author = user("author@x.io");
        Sent create = send(() -> rpc(
                "post",
                "create",
                "{\"data\":{\"title\":\"t\",\"authorId\":\"" + author + "\"},"
                        + "\"select\":{\"title\":true,\"author\":{\"select\":{\"email\":true}}}}"));
        create.alone("WITH \"__quarry_written\" AS (INSERT INTO \"Post\"");
        create.response()
                .then()
                .statusCode(200)
                .body("title", equalTo("t"))
                .body("author.email", equalTo("author@x.io"))
                .body("id", nullValue());
    }

    @Test
    void aFlatUpdateIsOneStatementAndAtomic() {
        String id = rpc("user", "create", "{\"data\":{\"email\":\"upd@x.io\",\"counter\":5}}")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        Sent update = send(() -> given().contentType(ContentType.JSON)
                .queryParam("include", "{\"posts\":{\"take\":10}}")
                .body("{\"counter\":{\"increment\":2},\"tags\":{\"push\":\"z\"},\"name\":\"Upd\"}")
                .when()
                .patch("/api/users/" + id));
        update.alone("WITH \"__quarry_written\" AS (UPDATE \"User\"");
        update.response()
                .then()
                .statusCode(200)
                .body("counter", equalTo(7))
                .body("tags", contains("z"))
                .body("name", equalTo("Upd"))
                .body("posts", hasSize(0));
        given().when()
                .get("/api/users/" + id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(update.response().header("ETag")))
                .body("counter", equalTo(7));
    }

    @Test
    void aFlatUpdateOfNoRecordIsOneStatementAndP2025() {
        Sent update = send(() -> rpc("user", "update", "{\"where\":{\"id\":\"nobody\"},\"data\":{\"name\":\"x\"}}"));
        update.alone("WITH \"__quarry_written\" AS (UPDATE \"User\"");
        update.response()
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("P2025"))
                .body("meta.modelName", equalTo("User"))
                .body("meta.operation", equalTo("an update"))
                .body("detail", containsString("No record was found for an update."));
    }

    @Test
    void aFailingFlatCreateIsOneStatementP2002AndLeavesNothingBehind() {
        user("dup@x.io");
        Sent duplicate = send(() -> rpc("user", "create", "{\"data\":{\"email\":\"dup@x.io\",\"name\":\"second\"}}"));
        duplicate.alone("WITH \"__quarry_written\" AS (INSERT INTO \"User\"");
        duplicate
                .response()
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("P2002"))
                .body("meta.target", contains("email"))
                .body("meta.modelName", equalTo("User"));
        rpc("user", "findMany", "{\"where\":{\"email\":\"dup@x.io\"}}")
                .then()
                .statusCode(200)
                .body("name", contains(nullValue()));

        Sent dangling =
                send(() -> rpc("post", "create", "{\"data\":{\"title\":\"dangling\",\"authorId\":\"nobody\"}}"));
        dangling.alone("WITH \"__quarry_written\" AS (INSERT INTO \"Post\"");
        dangling.response().then().statusCode(409).body("code", equalTo("P2003"));
        rpc("post", "count", "{\"where\":{\"title\":\"dangling\"}}")
                .then()
                .statusCode(200)
                .body(equalTo("0"));
    }

    @Test
    void aCreateWhoseReadBackReadsItsOwnTableRunsInATransactionAndSeesItself() {
        String author = user("self@x.io");
        rpc("post", "create", "{\"data\":{\"title\":\"first\",\"authorId\":\"" + author + "\"}}")
                .then()
                .statusCode(200);
        Sent create = send(() -> rpc(
                "post",
                "create",
                "{\"data\":{\"title\":\"second\",\"authorId\":\"" + author + "\"},"
                        + "\"include\":{\"author\":{\"include\":{\"posts\":true}}}}"));
        assertEquals("BEGIN", create.statements().get(0));
        create.response().then().statusCode(200).body("author.posts.title", containsInAnyOrder("first", "second"));
    }

    @Test
    void anUpdateWhoseReadBackWouldMissItsEffectsRunsInATransaction() {
        String author = user("moved@x.io");
        String post = rpc("post", "create", "{\"data\":{\"title\":\"old\",\"authorId\":\"" + author + "\"}}")
                .then()
                .statusCode(200)
                .extract()
                .path("id")
                .toString();
        // the read-back reads the updated table again, through the author
        Sent retitle = send(() -> rpc(
                "post",
                "update",
                "{\"where\":{\"id\":" + post + "},\"data\":{\"title\":\"new\"},"
                        + "\"include\":{\"author\":{\"include\":{\"posts\":true}}}}"));
        assertEquals("BEGIN", retitle.statements().get(0));
        retitle.response().then().statusCode(200).body("author.posts.title", contains("new"));
        // a new id cascades to the posts pointing to it
        Sent rekey = send(() -> rpc(
                "user",
                "update",
                "{\"where\":{\"id\":\"" + author + "\"},\"data\":{\"id\":\"renamed\"},"
                        + "\"include\":{\"posts\":true}}"));
        assertEquals("BEGIN", rekey.statements().get(0));
        rekey.response().then().statusCode(200).body("id", equalTo("renamed")).body("posts.title", contains("new"));
    }

    /** A list that take does not bound is checked against max-rows, and an overflow must roll the write back. */
    @Test
    void aReadBackWithAListThatTakeDoesNotBoundRunsInATransaction() {
        String id = user("unbounded@x.io");
        Sent update = send(() -> given().contentType(ContentType.JSON)
                .queryParam("include", "posts")
                .body("{\"name\":\"U\"}")
                .when()
                .patch("/api/users/" + id));
        assertEquals("BEGIN", update.statements().get(0));
        update.response().then().statusCode(200).body("name", equalTo("U")).body("posts", hasSize(0));
    }

    @Test
    void aDeleteIsOneStatementAndAnswersTheRecordAsItWas() {
        String author = user("gone@x.io");
        rpc("post", "create", "{\"data\":{\"title\":\"orphan\",\"authorId\":\"" + author + "\"}}")
                .then()
                .statusCode(200);
        rpc("profile", "create", "{\"data\":{\"bio\":\"cascaded\",\"userId\":\"" + author + "\"}}")
                .then()
                .statusCode(200);
        Sent delete = send(() -> given().queryParam("include", "{\"posts\":{\"take\":10},\"profile\":true}")
                .when()
                .delete("/api/users/" + author));
        delete.alone("WITH \"__quarry_written\" AS (DELETE FROM \"User\"");
        delete.response()
                .then()
                .statusCode(200)
                .body("email", equalTo("gone@x.io"))
                .body("posts.title", contains("orphan"))
                .body("profile.bio", equalTo("cascaded"));
        rpc("post", "findFirst", "{\"where\":{\"title\":\"orphan\"}}")
                .then()
                .statusCode(200)
                .body("authorId", nullValue());
        rpc("profile", "count", "{\"where\":{\"bio\":\"cascaded\"}}")
                .then()
                .statusCode(200)
                .body(equalTo("0"));
        given().when()
                .delete("/api/users/" + author)
                .then()
                .statusCode(404)
                .body("code", equalTo("P2025"))
                .body("meta.operation", equalTo("a delete"));
    }
}
