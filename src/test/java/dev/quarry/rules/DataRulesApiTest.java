package dev.quarry.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data rules through the API: each rule at its boundary (written) and one past it (a 400 Q180 naming the rule and
 * the JSON path, nothing written), a multi-field {@code @@validate} checked before the statement, a raw
 * {@code @@check} only PostgreSQL knows (its 23514 is the same problem), and a rule three nested creates deep.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema/data-rules/schema.prisma"),
            @ResourceArg(name = "purpose", value = "DataRulesApiTest")
        })
class DataRulesApiTest {

    private static final AtomicInteger IDS = new AtomicInteger(100);

    /** A field, a value at the rule's boundary, a value just past it, and the rule that refuses it. */
    private record Case(String field, String boundary, String past, String rule) {}

    private static final List<Case> CASES = List.of(
            new Case("email", "\"a@b.c\"", "\"a@b\"", "@email"),
            new Case("name", "\"ab\"", "\"a\"", "@length(2, 5)"),
            new Case("name", "\"abcde\"", "\"abcdef\"", "@length(2, 5)"),
            new Case("code", "\"abyz\"", "\"xabyz\"", "@startsWith(\"ab\")"),
            new Case("code", "\"abyz\"", "\"abyzx\"", "@endsWith(\"yz\")"),
            new Case("tag", "\"-\"", "\"ab\"", "@contains(\"-\")"),
            new Case("tag", "\"a-b\"", "\"A-b\"", "@regex(\"^[a-z-]+$\")"),
            new Case("site", "\"https://x.io\"", "\"x.io\"", "@url"),
            new Case("age", "18", "17", "@gte(18)"),
            new Case("age", "129", "130", "@lt(130)"),
            new Case("score", "0.001", "0", "@gt(0)"),
            new Case("score", "10", "10.001", "@lte(10)"));

    private static ValidatableResponse rpc(String model, String operation, String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/api/rpc/" + model + "/" + operation)
                .then();
    }

    private static String user(int id, String field, String value) {
        String base = "\"id\": " + id + ", \"email\": \"u" + id + "@x.io\", \"name\": \"ann\"";
        return "{"
                + base.replaceAll("\"" + field + "\": [^,]*", "")
                        .replaceAll(", ,", ",")
                        .replaceAll("^, |, $", "") + ", \"" + field + "\": " + value + "}";
    }

    private static int count(String model) {
        return rpc(model, "count", "{}").statusCode(200).extract().as(Integer.class);
    }

    @Test
    void eachRuleAtItsBoundaryAndOnePast() {
        for (Case c : CASES) {
            int id = IDS.incrementAndGet();
            rpc("user", "create", "{\"data\": " + user(id, c.field(), c.boundary()) + "}")
                    .statusCode(200);
            int before = count("user");
            rpc("user", "create", "{\"data\": " + user(IDS.incrementAndGet(), c.field(), c.past()) + "}")
                    .statusCode(400)
                    .body("code", equalTo("Q180"))
                    .body("meta.path", equalTo("data." + c.field()))
                    .body("detail", containsString("breaks the rule " + c.rule() + " of User." + c.field()));
            rpc(
                            "user",
                            "update",
                            "{\"where\": {\"id\": " + id + "}, \"data\": {\"" + c.field() + "\": {\"set\": " + c.past()
                                    + "}}}")
                    .statusCode(400)
                    .body("code", equalTo("Q180"))
                    .body("meta.path", equalTo("data." + c.field() + ".set"));
            assert count("user") == before : c + ": nothing written";
        }
    }

    @Test
    void validateOnTwoFieldsIsCheckedBeforeTheStatement() {
        int id = IDS.incrementAndGet();
        rpc("user", "create", "{\"data\": " + user(id, "low", "4, \"high\": 4") + "}")
                .statusCode(200);
        rpc("user", "update", "{\"where\": {\"id\": " + id + "}, \"data\": {\"low\": 5, \"high\": 4}}")
                .statusCode(400)
                .body("code", equalTo("Q180"))
                .body("meta.path", equalTo("data"))
                .body("detail", containsString("low must not exceed high"));
        // high alone: the body does not give low, so PostgreSQL decides, and its refusal is the same problem
        rpc("user", "update", "{\"where\": {\"id\": " + id + "}, \"data\": {\"high\": 3}}")
                .statusCode(400)
                .body("code", equalTo("Q180"))
                .body("meta.rule", equalTo("@@validate(low <= high, \"low must not exceed high\")"));
        rpc("user", "findUnique", "{\"where\": {\"id\": " + id + "}}")
                .statusCode(200)
                .body("high", equalTo(4));
    }

    @Test
    void aRawCheckIsRefusedByPostgresqlAsTheSameProblem() {
        rpc("user", "create", "{\"data\": " + user(IDS.incrementAndGet(), "low", "1") + "}")
                .statusCode(400)
                .body("code", equalTo("Q180"))
                .body("meta.constraint", equalTo("User_high_with_low_check"))
                .body("detail", containsString("@@check(expression:"));
        rpc("user", "create", "{\"data\": " + user(IDS.incrementAndGet(), "low", "1, \"high\": 2") + "}")
                .statusCode(200);
    }

    @Test
    void anArithmeticUpdatePastTheBoundIsRefusedByPostgresql() {
        int id = IDS.incrementAndGet();
        rpc("user", "create", "{\"data\": " + user(id, "age", "129") + "}").statusCode(200);
        rpc("user", "update", "{\"where\": {\"id\": " + id + "}, \"data\": {\"age\": {\"increment\": 1}}}")
                .statusCode(400)
                .body("code", equalTo("Q180"))
                .body("meta.field", equalTo("age"))
                .body("meta.rule", equalTo("@lt(130)"));
    }

    @Test
    void aRuleThreeNestedCreatesDeep() {
        int users = count("user");
        int posts = count("post");
        String nested = "{\"data\": {\"id\": %d, \"email\": \"deep@x.io\", \"name\": \"deep\", \"posts\": {\"create\": "
                + "[{\"title\": \"abc\", "
                + "\"comments\": {\"create\": {\"text\": \"short\", \"votes\": {\"create\": [{\"weight\": 5}, "
                + "{\"weight\": %d}]}}}}]}}}";
        rpc("user", "create", nested.formatted(IDS.incrementAndGet(), 6))
                .statusCode(400)
                .body("code", equalTo("Q180"))
                .body("meta.path", equalTo("data.posts.create[0].comments.create.votes.create[1].weight"))
                .body("detail", containsString("@lte(5) of Vote.weight"));
        assert count("user") == users && count("post") == posts : "nothing written";
        rpc("user", "create", nested.formatted(IDS.incrementAndGet(), 1)).statusCode(200);
    }
}
