package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shapes of reads: values as API.md encodes them, nested select/include/omit with arguments inside relations,
 * pagination (take, negative take, skip, keyset cursor, distinct), counts, aggregates and groupBy, both surfaces,
 * and the total count header. That each is one SQL statement: {@link dev.quarry.api.wire.OneStatementReadsApiTest}.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "ReadShapesApiTest")
        })
@ExtendWith(DocumentedAnswers.Checked.class)
class ReadShapesApiTest {

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void valuesAreEncodedAsApiMdSays() {
        given().get("/api/accounts/1")
                .then()
                .statusCode(200)
                .body("views", equalTo("9007199254740993"))
                .body("bigs", contains("1", "9223372036854775807"))
                .body("balance", equalTo("100.5"))
                .body("ratio", equalTo("0.125"))
                .body("avatar", equalTo("AP8Q"))
                .body("birthday", equalTo("1990-05-17T00:00:00.000Z"))
                .body("createdAt", equalTo("2024-01-01T10:00:00.123Z"))
                .body("role", equalTo("ADMIN"))
                .body("roles", contains("ADMIN", "USER"))
                .body("settings.list", contains(1, 2, 3))
                .body("meta.a.b", equalTo("deep"));
        given().get("/api/accounts/3")
                .then()
                .statusCode(200)
                .body("ratio", equalTo("123456789012345.678912345"))
                .body("bigs", equalTo(List.of()))
                .body("meta", equalTo("just a string"));
        given().get("/api/articles/9007199254740993")
                .then()
                .statusCode(200)
                .body("id", equalTo("9007199254740993"))
                .body("publishedAt", equalTo("2024-05-05T05:05:05.555Z"));
        given().get("/api/articles/3").then().statusCode(200).body("publishedAt", equalTo("2024-01-31T22:00:00.500Z"));
        given().get("/api/memberships/2,2").then().statusCode(200).body("role", equalTo("ADMIN"));
        given().get("/api/profiles/33333333-3333-3333-3333-333333333333")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(3));
    }

    /**
     * POST /api/accounts/_query: the list read's parameters as a JSON body, the same answer as the URL's, the same
     * limits.
     */
    @Test
    void theListReadTakesItsParametersAsABody() {
        String filter = "{\"id\":{\"in\":[1,2,3]}}";
        Response byUrl = given().queryParam("filter", filter)
                .queryParam("orderBy", "{\"id\":\"desc\"}")
                .queryParam("select", "{\"id\":true,\"email\":true}")
                .queryParam("take", "2")
                .queryParam("count", "true")
                .get("/api/accounts");
        byUrl.then().statusCode(200).header("X-Total-Count", "3").body("id", contains(3, 2));
        given().contentType(ContentType.JSON)
                .body("{\"filter\":" + filter
                        + ",\"orderBy\":[{\"id\":\"desc\"}],\"select\":{\"id\":true,\"email\":true},\"take\":2,"
                        + "\"count\":true}")
                .post("/api/accounts/_query")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body(equalTo(byUrl.asString()));
        given().contentType(ContentType.JSON)
                .body("{\"include\":{\"_count\":true},\"cursor\":{\"id\":2},\"take\":1}")
                .post("/api/accounts/_query")
                .then()
                .statusCode(200)
                .body("id", contains(2))
                .body("[0]._count", hasKey("articles"));
        given().contentType(ContentType.JSON)
                .post("/api/accounts/_query")
                .then()
                .statusCode(200)
                .header("X-Total-Count", nullValue());
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"id\":1}}")
                .post("/api/accounts/_query")
                .then()
                .statusCode(400)
                .body("meta.parameter", equalTo("body"))
                .body("meta.path", equalTo("where"))
                .body("meta.allowed", Matchers.hasItem("filter"));
        given().contentType(ContentType.JSON)
                .body("{\"take\":100000}")
                .post("/api/accounts/_query")
                .then()
                .statusCode(400)
                .body("code", equalTo("Q106"));
        given().contentType(ContentType.JSON)
                .body("{\"count\":\"yes\"}")
                .post("/api/accounts/_query")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("[]")
                .post("/api/accounts/_query")
                .then()
                .statusCode(400);
    }

    @Test
    void nestedIncludeWithArgumentsAndCounts() {
        String args = "{\"where\":{\"id\":1},\"include\":{\"profile\":true,"
                + "\"articles\":{\"where\":{\"status\":{\"not\":\"ARCHIVED\"}},"
                + "\"orderBy\":{\"id\":\"desc\"},\"take\":2,\"select\":{\"id\":true,"
                + "\"categories\":{\"select\":{\"name\":true}},\"comments\":{\"orderBy\":{\"id\":\"asc\"},"
                + "\"include\":{\"replies\":true}}}},"
                + "\"_count\":{\"select\":{\"articles\":{\"where\":{\"status\":\"DRAFT\"}},\"mentees\":true}}}}";
        given().contentType(ContentType.JSON)
                .body(args)
                .post("/api/rpc/account/findUnique")
                .then()
                .statusCode(200)
                .body("profile.bio", equalTo("Admin of things"))
                .body("articles.id", contains("9007199254740993", "2"))
                .body("articles[0].categories.name", contains("PostgreSQL"))
                .body("articles[0].comments[0].text", equalTo("Big"))
                .body("articles[1].comments", equalTo(List.of()))
                .body("_count.articles", equalTo(1))
                .body("_count.mentees", equalTo(2));
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"id\":1},\"select\":{\"id\":true,\"mentees\":{\"orderBy\":{\"id\":\"asc\"},"
                        + "\"select\":{\"id\":true,\"mentees\":{\"select\":{\"email\":true}}}}}}")
                .post("/api/rpc/account/findUnique")
                .then()
                .statusCode(200)
                .body("mentees.id", contains(2, 3))
                .body("mentees[0].mentees.email", contains("dan%_@test.org"));
        given().queryParam("include", "articles(categories),profile")
                .queryParam("filter[id]", "1")
                .queryParam("omit", "meta,settings")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("[0]", not(hasKey("meta")))
                .body("[0].profile.accountId", equalTo(1))
                .body("[0].articles.size()", equalTo(3));
        given().queryParam("select", "accountId,team(name),account(email)")
                .get("/api/memberships/1,1")
                .then()
                .statusCode(200)
                .body("team.name", equalTo("Core"))
                .body("account.email", equalTo("ann@example.com"))
                .body("$", not(hasKey("role")));
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"id\":4},\"include\":{\"parent\":{\"include\":{\"parent\":true}},"
                        + "\"articles\":{\"select\":{\"slug\":true},\"orderBy\":{\"id\":\"asc\"}}}}")
                .post("/api/rpc/category/findUnique")
                .then()
                .statusCode(200)
                .body("parent.name", equalTo("Databases"))
                .body("parent.parent.name", equalTo("Tech"))
                .body("articles.slug", contains("pure-100", "big"));
    }

    @Test
    void orderingByRelationsCountsAndNulls() {
        given().queryParam("orderBy", "author.email:desc,id")
                .queryParam("select", "id")
                .get("/api/articles")
                .then()
                .statusCode(200)
                .body("id", contains("5", "6", "4", "3", "1", "2", "9007199254740993"));
        given().queryParam("orderBy", "[{\"articles\":{\"_count\":\"desc\"}},{\"id\":\"asc\"}]")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(1, 2, 3, 4, 5));
        given().queryParam("orderBy", "weight:asc:first,id")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(2, 5, 3, 1, 4));
        given().queryParam("orderBy", "{\"ratio\":{\"sort\":\"desc\",\"nulls\":\"last\"}}")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(3, 4, 1, 5, 2));
        given().contentType(ContentType.JSON)
                .body("{\"orderBy\":[{\"parent\":{\"parent\":{\"name\":\"asc\"}}},{\"id\":\"desc\"}],"
                        + "\"select\":{\"id\":true}}")
                .post("/api/rpc/category/findMany")
                .then()
                .statusCode(200)
                .body("id", contains(4, 5, 3, 2, 1));
    }

    @Test
    void paginationTakeSkipCursorDistinct() {
        given().queryParam("orderBy", "id")
                .queryParam("take", "2")
                .queryParam("skip", "1")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(2, 3));
        given().queryParam("take", "-2")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(4, 5));
        given().queryParam("cursor", "3")
                .queryParam("take", "2")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(3, 4));
        given().queryParam("cursor", "3")
                .queryParam("take", "-2")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(2, 3));
        given().queryParam("cursor", "3")
                .queryParam("skip", "1")
                .queryParam("take", "10")
                .queryParam("orderBy", "email:desc")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(2, 1));
        given().queryParam("cursor", "42")
                .queryParam("select", "id")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", equalTo(List.of()));
        given().contentType(ContentType.JSON)
                .body("{\"cursor\":{\"accountId_teamId\":{\"accountId\":2,\"teamId\":1}},"
                        + "\"orderBy\":[{\"joinedAt\":\"asc\"}],\"take\":2,"
                        + "\"select\":{\"accountId\":true,\"teamId\":true}}")
                .post("/api/rpc/membership/findMany")
                .then()
                .statusCode(200)
                .body("teamId", contains(1, 2))
                .body("accountId", contains(2, 2));
        given().contentType(ContentType.JSON)
                .body("{\"orderBy\":{\"weight\":\"asc\"},\"cursor\":{\"id\":5},\"select\":{\"id\":true}}")
                .post("/api/rpc/account/findMany")
                .then()
                .statusCode(200)
                .body("id", contains(5, 3, 1, 4, 2));
        given().queryParam("distinct", "handle")
                .queryParam("orderBy", "id:desc")
                .queryParam("select", "id,handle")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .body("id", contains(5, 4, 3, 2));
        given().contentType(ContentType.JSON)
                .body("{\"where\":{\"id\":1},\"select\":{\"articles\":{\"orderBy\":{\"id\":\"asc\"},\"take\":-1,"
                        + "\"select\":{\"id\":true}}}}")
                .post("/api/rpc/account/findUnique")
                .then()
                .statusCode(200)
                .body("articles.id", contains("9007199254740993"));
    }

    @Test
    void totalCountOnDemand() {
        given().queryParam("count", "true")
                .queryParam("take", "1")
                .queryParam("filter[active]", "true")
                .get("/api/accounts")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "3")
                .body("size()", equalTo(1));
        given().header("Prefer", "count=exact")
                .queryParam("take", "2")
                .get("/api/articles")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "7");
        given().queryParam("take", "2")
                .get("/api/articles")
                .then()
                .statusCode(200)
                .header("X-Total-Count", nullValue());
    }

    @Test
    void countsAggregatesAndGroups() {
        given().queryParam("filter[active]", "true")
                .get("/api/accounts/_count")
                .then()
                .statusCode(200)
                .body(equalTo("3"));
        given().contentType(ContentType.JSON)
                .body("{\"select\":{\"_all\":true,\"ratio\":true,\"weight\":true}}")
                .post("/api/rpc/account/count")
                .then()
                .statusCode(200)
                .body("_all", equalTo(5))
                .body("ratio", equalTo(4))
                .body("weight", equalTo(4));
        given().contentType(ContentType.JSON)
                .body("{\"_count\":{\"_all\":true,\"avatar\":true},\"_avg\":{\"views\":true,\"balance\":true,"
                        + "\"weight\":true},\"_sum\":{\"views\":true,\"balance\":true,\"id\":true},"
                        + "\"_min\":{\"createdAt\":true,\"role\":true,\"email\":true},\"_max\":{\"active\":true,"
                        + "\"birthday\":true,\"ratio\":true}}")
                .post("/api/rpc/account/aggregate")
                .then()
                .statusCode(200)
                .body("_count._all", equalTo(5))
                .body("_count.avatar", equalTo(3))
                .body("_avg.balance", equalTo("200025.08"))
                .body("_avg.weight", equalTo(34.5875f))
                .body("_sum.views", equalTo("9007199254741037"))
                .body("_sum.balance", equalTo("1000125.4"))
                .body("_sum.id", equalTo(15))
                .body("_min.createdAt", equalTo("2023-06-15T08:30:00.000Z"))
                .body("_min.role", equalTo("USER"))
                .body("_min.email", equalTo("ann@example.com"))
                .body("_max.active", equalTo(true))
                .body("_max.birthday", equalTo("2000-02-29T00:00:00.000Z"))
                .body("_max.ratio", equalTo("123456789012345.678912345"));
        given().queryParam("_count", "true")
                .queryParam("_avg", "rating")
                .queryParam("filter[status]", "PUBLISHED")
                .get("/api/articles/_aggregate")
                .then()
                .statusCode(200)
                .body("_count", equalTo(4))
                .body("_avg.rating", equalTo(4.25f));
        given().contentType(ContentType.JSON)
                .body("{\"by\":[\"role\"],\"_count\":{\"_all\":true},\"_sum\":{\"balance\":true},"
                        + "\"orderBy\":{\"role\":\"asc\"},"
                        + "\"having\":{\"balance\":{\"_sum\":{\"gt\":1}}}}")
                .post("/api/rpc/account/groupBy")
                .then()
                .statusCode(200)
                .body("role", contains("USER", "ADMIN", "GUEST"))
                .body("_count._all", contains(3, 1, 1))
                .body("_sum.balance", contains("1000005", "100.5", "19.9"));
        given().queryParam("by", "status")
                .queryParam("_count", "_all")
                .queryParam("orderBy", "{\"_count\":{\"id\":\"desc\"}}")
                .queryParam("take", "1")
                .get("/api/articles/_groupBy")
                .then()
                .statusCode(200)
                .body("status", contains("PUBLISHED"))
                .body("_count._all", contains(4));
        given().contentType(ContentType.JSON)
                .body("{\"by\":[\"active\",\"role\"],\"where\":{\"id\":{\"gt\":1}},"
                        + "\"having\":{\"role\":\"USER\"},"
                        + "\"orderBy\":[{\"active\":\"desc\"}],"
                        + "\"_max\":{\"email\":true}}")
                .post("/api/rpc/account/groupBy")
                .then()
                .statusCode(200)
                .body("active", contains(true, false))
                .body("_max.email", contains("dan%_@test.org", "eve@example.com"));
    }
}
