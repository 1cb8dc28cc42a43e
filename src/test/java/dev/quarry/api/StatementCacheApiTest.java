package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compiled-statement cache through the API: a read of a known shape binds its own values to the kept statement,
 * and what changes the SQL (not only the values) makes a shape of its own. The test profile also compiles every
 * cached read afresh and fails the request when the kept statement differs, so every other read test checks the
 * cache as well. A profile of its own gives the test a service of its own, so its cache starts empty whatever
 * other test classes read before.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestProfile(StatementCacheApiTest.OwnService.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql")
        })
class StatementCacheApiTest {

    public static final class OwnService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarry.query.statement-cache.size", "500");
        }
    }

    @Inject
    ReadService reads;

    /**
     * What every API test relies on; that verify catches a wrong kept statement: {@link
     * dev.quarry.query.sql.StatementCacheVerifyTest}.
     */
    @Test
    void verifyIsOnInTests() {
        assertEquals(true, ConfigProvider.getConfig().getValue("quarry.query.statement-cache.verify", Boolean.class));
    }

    @Test
    void aKnownShapeIsNotCompiledAgainAndBindsItsOwnValues() {
        long before = reads.cachedShapes();
        given().queryParam("filter[email][startsWith]", "ann")
                .queryParam("select", "id,handle")
                .queryParam("orderBy", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1));
        assertEquals(before + 1, reads.cachedShapes());
        given().queryParam("filter[email][startsWith]", "dan%")
                .queryParam("select", "id,handle")
                .queryParam("orderBy", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(4));
        given().queryParam("filter[email][startsWith]", "e")
                .queryParam("select", "id,handle")
                .queryParam("orderBy", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("handle", contains("ann"));
        assertEquals(before + 1, reads.cachedShapes(), "three reads, one shape");

        given().get("/api/accounts/2").then().statusCode(200).body("email", equalTo("ben@example.com"));
        long afterFirstId = reads.cachedShapes();
        String tagOfThree = given().get("/api/accounts/3")
                .then()
                .statusCode(200)
                .body("email", equalTo("cat@test.org"))
                .extract()
                .header("ETag");
        String tagOfTwo =
                given().get("/api/accounts/2").then().statusCode(200).extract().header("ETag");
        assertEquals(afterFirstId, reads.cachedShapes());
        assertEquals(false, tagOfThree.equals(tagOfTwo), "each record's own entity tag");
    }

    @Test
    void whatChangesTheSqlMakesAShapeOfItsOwn() {
        pair(
                "{\"where\":{\"email\":{\"equals\":\"ANN@EXAMPLE.COM\",\"mode\":\"insensitive\"}}}",
                List.of(1),
                "{\"where\":{\"email\":{\"equals\":\"ANN@EXAMPLE.COM\"}}}",
                List.of());
        pair(
                "{\"where\":{\"ratio\":null},\"orderBy\":{\"id\":\"asc\"}}",
                List.of(2),
                "{\"where\":{\"ratio\":{\"equals\":1}},\"orderBy\":{\"id\":\"asc\"}}",
                List.of(4));
        pair(
                "{\"orderBy\":{\"id\":\"asc\"},\"take\":2}",
                List.of(1, 2),
                "{\"orderBy\":{\"id\":\"desc\"},\"take\":2}",
                List.of(5, 4));
        pair(
                "{\"orderBy\":{\"email\":\"asc\"},\"take\":2,\"skip\":0}",
                List.of(1, 2),
                "{\"orderBy\":{\"email\":\"asc\"},\"take\":-2}",
                List.of(4, 5));
        pair(
                "{\"orderBy\":{\"email\":\"desc\"},\"take\":2}",
                List.of(5, 4),
                "{\"orderBy\":{\"email\":\"desc\"},\"take\":2,\"skip\":3}",
                List.of(2, 1));
        pair(
                "{\"where\":{\"meta\":{\"path\":[\"a\",\"b\"],\"equals\":\"deep\"}}}",
                List.of(1),
                "{\"where\":{\"meta\":{\"equals\":\"just a string\"}}}",
                List.of(3));
        pair(
                "{\"where\":{\"mentor\":{\"is\":null}},\"orderBy\":{\"id\":\"asc\"}}",
                List.of(1, 5),
                "{\"where\":{\"mentor\":{\"is\":{\"id\":1}}},\"orderBy\":{\"id\":\"asc\"}}",
                List.of(2, 3));
    }

    @Test
    void aReadWithLargeValuesIsAnsweredButNotKept() {
        StringBuilder ids = new StringBuilder("[2");
        for (int i = 1_000; i < 7_000; i++) {
            ids.append(',').append(i);
        }
        String big = "{\"where\":{\"id\":{\"in\":" + ids + "]},\"handle\":{\"not\":\"" + "x".repeat(2_000)
                + "\"}},\"orderBy\":{\"id\":\"asc\"}}";
        long before = reads.cachedShapes();
        findMany(big, List.of(2));
        findMany(big, List.of(2));
        assertEquals(before, reads.cachedShapes(), "a shape over the size kept is compiled each time");
    }

    /** Two reads that differ in more than values: each is right, and each is a shape (asked twice, kept once). */
    private void pair(String first, List<Integer> firstIds, String second, List<Integer> secondIds) {
        long before = reads.cachedShapes();
        for (int round = 0; round < 2; round++) {
            findMany(first, firstIds);
            findMany(second, secondIds);
        }
        assertEquals(before + 2, reads.cachedShapes(), first + " and " + second + " are two shapes");
    }

    private static void findMany(String args, List<Integer> ids) {
        String select = args.substring(0, args.length() - 1) + ",\"select\":{\"id\":true}}";
        given().contentType(ContentType.JSON)
                .body(select)
                .post("/api/rpc/account/findMany")
                .then()
                .statusCode(200)
                .body("id", ids.isEmpty() ? equalTo(List.of()) : contains(ids.toArray()));
    }
}
