package dev.quarry.api.write;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.query.exec.SessionSettings;
import dev.quarry.security.JwtMode;
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
 * In jwt mode a flat write is its statement between the session settings, sent as one pipelined BEGIN, settings,
 * statement, COMMIT: no read-back of its own. Anonymous requests take a role with every privilege on the shop
 * ({@code write/shop-jwt.sql}), so that the schema needs no policies here; the policies themselves are the security
 * tests' subject.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop-jwt.sql"),
            @ResourceArg(name = "purpose", value = "OneStatementWritesJwtApiTest")
        })
@WithTestResource(
        value = JwtMode.class,
        initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_write_recorder"))
class OneStatementWritesJwtApiTest {

    /** The statements PostgreSQL has received, injected by {@link RecordedDatabase}. */
    Supplier<List<String>> executed;

    private List<String> sent(Supplier<Response> request, int status) {
        int before = executed.get().size();
        request.get().then().statusCode(status);
        List<String> all = executed.get();
        return all.subList(before, all.size());
    }

    private void betweenSettings(List<String> statements, String write) {
        assertEquals(4, statements.size(), () -> "BEGIN, settings, the write, COMMIT; sent " + statements);
        assertEquals(List.of("BEGIN", SessionSettings.SQL), statements.subList(0, 2));
        assertTrue(statements.get(2).startsWith(write), () -> "expected " + write + "…, sent " + statements.get(2));
        assertEquals("COMMIT", statements.get(3));
    }

    @Test
    void aFlatCreateAndUpdateAreOneStatementBetweenTheSettings() {
        String[] id = new String[1];
        betweenSettings(
                sent(
                        () -> {
                            Response created = given().contentType(ContentType.JSON)
                                    .body("{\"email\":\"jwt@x.io\",\"tags\":[\"a\"]}")
                                    .post("/api/users");
                            id[0] = created.path("id");
                            return created;
                        },
                        201),
                "WITH \"__quarry_written\" AS (INSERT INTO \"User\"");
        betweenSettings(
                sent(
                        () -> given().contentType(ContentType.JSON)
                                .body("{\"counter\":{\"increment\":3}}")
                                .patch("/api/users/" + id[0]),
                        200),
                "WITH \"__quarry_written\" AS (UPDATE \"User\"");
        given().get("/api/users/" + id[0])
                .then()
                .statusCode(200)
                .body("counter", equalTo(3))
                .body("tags", contains("a"));
    }

    @Test
    void aFailingFlatCreateIsRolledBackWithTheSettings() {
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"twice@x.io\"}")
                .post("/api/users")
                .then()
                .statusCode(201);
        List<String> statements = sent(
                () -> given().contentType(ContentType.JSON)
                        .body("{\"email\":\"twice@x.io\",\"name\":\"second\"}")
                        .post("/api/users"),
                409);
        betweenSettings(statements, "WITH \"__quarry_written\" AS (INSERT INTO \"User\"");
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"email\":\"twice@x.io\"}}")
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(200)
                .body("name", contains((Object) null));
    }
}
