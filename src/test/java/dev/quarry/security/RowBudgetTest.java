package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The row and size budgets at their boundaries and one past them, with small limits: max-rows 3 on every list (top
 * level, nested include and select, groupBy, both surfaces, a write's read-back), max-response-bytes, max-skip,
 * max-list-values and max-filter-nodes counted over the whole request.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestProfile(RowBudgetTest.SmallBudgets.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "row-budgets")
        })
class RowBudgetTest {

    static final int MAX_BYTES = 4096;

    public static final class SmallBudgets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarry.api.max-rows",
                    "3",
                    "quarry.api.max-take",
                    "3",
                    "quarry.api.max-skip",
                    "5",
                    "quarry.api.max-list-values",
                    "5",
                    "quarry.api.max-filter-nodes",
                    "6",
                    "quarry.api.max-response-bytes",
                    Integer.toString(MAX_BYTES));
        }
    }

    /**
     * u_three has three posts (the limit), u_four four (one past it), u_one one whose body is resized by {@link
     * #responseBytes}.
     */
    @BeforeAll
    void database() {
        TestServer.execute(FreshDatabase.current(), """
                INSERT INTO "User" (id, email, name, "updatedAt") VALUES
                    ('u_three', 'three@example.com', 'Three', now()), ('u_four', 'four@example.com', 'Four', now()),
                    ('u_one', 'one@example.com', 'One', now());
                INSERT INTO "Post" (id, title, body, published, "authorId") VALUES
                    ('p3a', 'p3a', 'b', true, 'u_three'), ('p3b', 'p3b', 'b', false, 'u_three'),
                    ('p3c', 'p3c', 'b', true, 'u_three'),
                    ('p4a', 'p4a', 'b', true, 'u_four'), ('p4b', 'p4b', 'b', false, 'u_four'),
                    ('p4c', 'p4c', 'b', true, 'u_four'),
                    ('p4d', 'p4d', 'b', true, 'u_four'), ('p1', 'p1', 'b', true, 'u_one');
                """);
    }

    @Test
    void topLevelList() {
        given().queryParam("filter", "{\"authorId\":\"u_three\"}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        overRows(
                given().queryParam("filter", "{\"authorId\":\"u_four\"}")
                        .get("/api/posts")
                        .then(),
                "$");
        given().queryParam("take", "3").get("/api/posts").then().statusCode(200).body("$", hasSize(3));
        given().queryParam("take", "-3")
                .queryParam("filter", "{\"authorId\":\"u_four\"}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
    }

    @Test
    void rpcSurface() {
        given().contentType("application/json")
                .body("{\"where\":{\"authorId\":\"u_three\"}}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        overRows(
                given().contentType("application/json")
                        .body("{}")
                        .post("/api/rpc/post/findMany")
                        .then(),
                "$");
        given().contentType("application/json")
                .body("{\"where\":{\"authorId\":\"u_four\"},\"orderBy\":{\"id\":\"asc\"},"
                        + "\"cursor\":{\"id\":\"p4b\"}}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of("p4b", "p4c", "p4d")));
    }

    @Test
    void nestedIncludeList() {
        given().queryParam("include", "posts")
                .get("/api/users/u_three")
                .then()
                .statusCode(200)
                .body("posts", hasSize(3));
        overRows(given().queryParam("include", "posts").get("/api/users/u_four").then(), "$.posts");
        overRows(given().queryParam("include", "posts").get("/api/users").then(), "$[*].posts");
        given().queryParam("include", "{\"posts\":{\"take\":3}}")
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("posts.flatten()", hasSize(7));
        given().queryParam("include", "{\"posts\":{\"where\":{\"published\":true}}}")
                .get("/api/users")
                .then()
                .statusCode(200)
                .body("posts.flatten()", hasSize(6));
    }

    @Test
    void nestedSelectListThroughAToOne() {
        String select = "{\"id\":true,\"author\":{\"select\":{\"posts\":{\"select\":{\"id\":true}}}}}";
        given().queryParam("filter", "{\"id\":\"p3a\"}")
                .queryParam("select", select)
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("[0].author.posts", hasSize(3));
        overRows(
                given().queryParam("filter", "{\"id\":\"p4a\"}")
                        .queryParam("select", select)
                        .get("/api/posts")
                        .then(),
                "$[*].author.posts");
        overRows(
                given().contentType("application/json")
                        .body("{\"where\":{\"id\":\"u_four\"},\"select\":{\"posts\":{\"select\":{\"id\":true}}}}")
                        .post("/api/rpc/user/findUnique")
                        .then(),
                "$.posts");
    }

    @Test
    void groupBy() {
        String threeGroups = "{\"by\":[\"title\"],\"where\":{\"authorId\":\"u_three\"},\"_count\":{\"_all\":true}}";
        given().contentType("application/json")
                .body(threeGroups)
                .post("/api/rpc/post/groupBy")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        overRows(
                given().contentType("application/json")
                        .body(threeGroups.replace("u_three", "u_four"))
                        .post("/api/rpc/post/groupBy")
                        .then(),
                "$");
        given().contentType("application/json")
                .body("{\"by\":[\"title\"],\"take\":3,\"orderBy\":{\"title\":\"asc\"}}")
                .post("/api/rpc/post/groupBy")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
    }

    @Test
    void countsAndAggregatesAreNotLists() {
        given().contentType("application/json")
                .body("{}")
                .post("/api/rpc/post/count")
                .then()
                .statusCode(200)
                .body(equalTo("8"));
        given().contentType("application/json")
                .body("{\"_count\":{\"_all\":true}}")
                .post("/api/rpc/post/aggregate")
                .then()
                .statusCode(200)
                .body("_count._all", equalTo(8));
    }

    /**
     * A write whose read-back has a list over the limit is refused and rolled back; one at the limit is written.
     */
    @Test
    void writeReadBack() {
        String before = BlogDatabase.checksum(FreshDatabase.current());
        overRows(
                given().contentType("application/json")
                        .body("{\"where\":{\"id\":\"u_four\"},\"data\":{\"name\":\"Changed\"},"
                                + "\"include\":{\"posts\":true}}")
                        .post("/api/rpc/user/update")
                        .then(),
                "$.posts");
        String fourPosts = IntStream.range(0, 4)
                .mapToObj(i -> "{\"title\":\"new" + i + "\",\"body\":\"b\",\"authorId\":\"u_one\"}")
                .collect(Collectors.joining(",", "[", "]"));
        overRows(
                given().contentType("application/json")
                        .body("{\"data\":" + fourPosts + "}")
                        .post("/api/rpc/post/createManyAndReturn")
                        .then(),
                "$");
        assertEquals(before, BlogDatabase.checksum(FreshDatabase.current()), "nothing was written");

        given().contentType("application/json")
                .body("{\"where\":{\"id\":\"u_three\"},\"data\":{\"name\":\"Three\"},"
                        + "\"include\":{\"posts\":true}}")
                .post("/api/rpc/user/update")
                .then()
                .statusCode(200)
                .body("posts", hasSize(3));
    }

    @Test
    void responseBytes() {
        String sized = "/api/posts/p1";
        int base = given().get(sized).then().statusCode(200).extract().asByteArray().length;
        setBody("x".repeat(1 + MAX_BYTES - base));
        byte[] atLimit = given().get(sized).then().statusCode(200).extract().asByteArray();
        assertEquals(MAX_BYTES, atLimit.length);
        setBody("x".repeat(2 + MAX_BYTES - base));
        given().get(sized)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("Q131"))
                .body("detail", containsString("quarry.api.max-response-bytes"))
                .body("detail", containsString((MAX_BYTES + 1) + " bytes"));
        setBody("b");
    }

    @Test
    void skip() {
        given().queryParam("skip", "5")
                .queryParam("take", "3")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        given().queryParam("skip", "6")
                .queryParam("take", "3")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q132"))
                .body("detail", containsString("quarry.api.max-skip"))
                .body("meta.parameter", equalTo("skip"));
        given().contentType("application/json")
                .body("{\"by\":[\"title\"],\"skip\":6,\"take\":1,\"orderBy\":{\"title\":\"asc\"}}")
                .post("/api/rpc/post/groupBy")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q132"));
    }

    @Test
    void listValuesCountedOverTheRequest() {
        given().queryParam("filter", "{\"id\":{\"in\":[\"p3a\",\"p3b\",\"x\",\"y\",\"z\"]}}")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().queryParam("filter", "{\"id\":{\"in\":[\"p3a\",\"p3b\",\"x\",\"y\",\"z\",\"w\"]}}")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q133"))
                .body("detail", containsString("quarry.api.max-list-values"));
        given().queryParam("filter[id][notIn]", "a,b,c,d,e,f")
                .get("/api/posts")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q133"));
        String within = "{\"where\":{\"id\":{\"in\":[\"u_three\",\"u_one\",\"x\"]}},"
                + "\"include\":{\"posts\":{\"where\":{\"id\":{\"notIn\":[\"a\",\"b\"]}}}}}";
        given().contentType("application/json")
                .body(within)
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(200)
                .body("$", hasSize(2));
        given().contentType("application/json")
                .body(within.replace("\"b\"]", "\"b\",\"c\"]"))
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q133"))
                .body("meta.path", equalTo("include.posts.where.id.notIn"));
    }

    @Test
    void filterNodesCountedOverTheRequest() {
        // six nodes: email, contains, active (top); title, startsWith (a nested select's where); published (a
        // _count's where)
        String six = "{\"where\":{\"email\":{\"contains\":\"@\"},\"active\":true},\"select\":{\"id\":true,"
                + "\"posts\":{\"where\":{\"title\":{\"startsWith\":\"p\"}},\"take\":3,\"select\":{\"id\":true}},"
                + "\"_count\":{\"select\":{\"posts\":{\"where\":{\"published\":true}}}}}}";
        given().contentType("application/json")
                .body(six)
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        String seven = six.replace("{\"published\":true}", "{\"published\":true,\"body\":\"b\"}");
        given().contentType("application/json")
                .body(seven)
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q120"))
                .body("meta.path", equalTo("select._count.select.posts.where.body"));
        // writes count too: an update's where (one node) and its read-back's nested where (six)
        given().contentType("application/json")
                .body("{\"where\":{\"id\":\"u_three\"},\"data\":{\"name\":\"Three\"},"
                        + "\"include\":{\"posts\":{\"where\":{\"AND\":[{\"id\":\"a\"},{\"id\":\"b\"},{\"id\":\"c\"},"
                        + "{\"id\":\"d\"},{\"id\":\"e\"}]}}}}")
                .post("/api/rpc/user/update")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q120"));
    }

    private static void overRows(ValidatableResponse response, String path) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("Q130"))
                .body("meta.path", equalTo(path))
                .body("detail", containsString("quarry.api.max-rows"))
                .body("detail", containsString("more than the maximum of 3 rows"))
                .body("detail", containsString("take"))
                .body("detail", containsString("cursor"));
    }

    private static void setBody(String body) {
        TestServer.execute(FreshDatabase.current(), "UPDATE \"Post\" SET body = '" + body + "' WHERE id = 'p1'");
    }
}
