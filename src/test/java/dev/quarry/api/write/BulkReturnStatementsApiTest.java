package dev.quarry.api.write;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.RecordedDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * createManyAndReturn and updateManyAndReturn write and read their records back in one statement (between BEGIN
 * and COMMIT), however many records; a read-back that reads the written table through a relation is one statement
 * after the write instead. Counted as PostgreSQL receives them, through a {@link
 * dev.quarry.testsupport.StatementRecorder}.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "BulkReturnStatementsApiTest")
        })
class BulkReturnStatementsApiTest {

    /** The statements PostgreSQL has received, injected by {@link RecordedDatabase}. */
    Supplier<List<String>> executed;

    private static Response rpc(String delegate, String operation, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/rpc/" + delegate + "/" + operation);
    }

    private List<String> statementsOf(Supplier<Response> request, int status) {
        int before = executed.get().size();
        request.get().then().statusCode(status);
        List<String> all = executed.get();
        return all.subList(before, all.size());
    }

    private static String users(String prefix, int n) {
        List<String> records = new ArrayList<>();
        IntStream.range(0, n)
                .forEach(i -> records.add("{\"email\":\"" + prefix + i + "@x.io\",\"name\":\"" + prefix + i + "\"}"));
        return "[" + String.join(",", records) + "]";
    }

    @Test
    void createManyAndReturnOfFiftyRecordsIsOneStatement() {
        List<String> sent = statementsOf(
                () -> rpc(
                        "user",
                        "createManyAndReturn",
                        "{\"data\":" + users("fifty", 50) + ",\"select\":{\"email\":true,\"posts\":true}}"),
                200);
        assertEquals(3, sent.size(), () -> "BEGIN, the statement, COMMIT; sent " + sent);
        assertTrue(sent.get(1).startsWith("WITH \"__quarry_written\" AS (INSERT INTO \"User\""), sent::toString);
    }

    @Test
    void theRecordsComeBackInTheOrderOfTheDataAndTheResourceCountsThem() {
        given().contentType(ContentType.JSON)
                .queryParam("select", "{\"name\":true}")
                .body(users("order", 5))
                .when()
                .post("/api/users/bulk")
                .then()
                .statusCode(201)
                .body("count", equalTo(5))
                .body("records.name", contains("order0", "order1", "order2", "order3", "order4"));
    }

    @Test
    void updateManyAndReturnIsOneStatementAndTheResourceCountsTheRecords() {
        rpc("user", "createMany", "{\"data\":" + users("many", 4) + "}").then().statusCode(200);
        List<String> sent = statementsOf(
                () -> rpc(
                        "user",
                        "updateManyAndReturn",
                        "{\"where\":{\"email\":{\"startsWith\":\"many\"}},\"data\":{\"counter\":{\"increment\":3}},"
                                + "\"select\":{\"counter\":true}}"),
                200);
        assertEquals(3, sent.size(), () -> "BEGIN, the statement, COMMIT; sent " + sent);
        assertTrue(sent.get(1).startsWith("WITH \"__quarry_written\" AS (UPDATE \"User\""), sent::toString);
        given().contentType(ContentType.JSON)
                .queryParam("filter", "{\"email\":{\"startsWith\":\"many\"}}")
                .queryParam("select", "{\"counter\":true}")
                .body("{\"counter\":{\"increment\":1}}")
                .when()
                .patch("/api/users")
                .then()
                .statusCode(200)
                .body("count", equalTo(4))
                .body("records.counter", contains(4, 4, 4, 4));
    }

    @Test
    void aReadBackOfTheWrittenTableThroughARelationSeesTheWrite() {
        rpc("category", "create", "{\"data\":{\"id\":900,\"name\":\"root900\"}}")
                .then()
                .statusCode(200);
        List<String> sent = statementsOf(
                () -> rpc(
                                "category",
                                "createManyAndReturn",
                                "{\"data\":[{\"id\":901,\"name\":\"a901\",\"parentId\":900},"
                                        + "{\"id\":902,\"name\":\"b902\",\"parentId\":901}],"
                                        + "\"select\":{\"name\":true,\"parent\":{\"select\":{\"name\":true}}}}")
                        .then()
                        .body("parent.name", contains("root900", "a901"))
                        .extract()
                        .response(),
                200);
        assertEquals(4, sent.size(), () -> "BEGIN, the write, one read-back of both records, COMMIT; sent " + sent);
        rpc(
                        "category",
                        "updateManyAndReturn",
                        "{\"where\":{\"id\":{\"in\":[901,902]}},\"data\":{\"parentId\":900},"
                                + "\"select\":{\"name\":true,\"children\":{\"select\":{\"name\":true}}}}")
                .then()
                .statusCode(200)
                .body("$", hasSize(2))
                .body("[0].children", hasSize(0))
                .body("[1].children", hasSize(0));
    }
}
