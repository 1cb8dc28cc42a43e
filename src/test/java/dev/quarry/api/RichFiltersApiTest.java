package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter operator on every scalar type, logical combinators and relation filters over every relation shape
 * (1-1 both sides, 1-n both sides, self-relations, implicit m-n, explicit m-n with a compound key), through the RPC
 * surface of the real server, against rows whose answers are worked out by hand
 * (src/test/resources/query/rich-seed.sql).
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "RichFiltersApiTest")
        })
class RichFiltersApiTest {

    static Stream<Arguments> accountFilters() {
        return Stream.of(
                // String
                Arguments.of("{\"email\":\"ann@example.com\"}", "[1]"),
                Arguments.of("{\"email\":{\"equals\":\"ANN@EXAMPLE.COM\",\"mode\":\"insensitive\"}}", "[1]"),
                Arguments.of("{\"email\":{\"in\":[\"ann@example.com\",\"cat@test.org\"]}}", "[1, 3]"),
                Arguments.of("{\"email\":{\"in\":[\"ANN@example.com\"],\"mode\":\"insensitive\"}}", "[1]"),
                Arguments.of("{\"email\":{\"notIn\":[\"ann@example.com\"]}}", "[2, 3, 4, 5]"),
                Arguments.of("{\"email\":{\"lt\":\"c\"}}", "[1, 2]"),
                Arguments.of("{\"email\":{\"lte\":\"ben@example.com\"}}", "[1, 2]"),
                Arguments.of("{\"email\":{\"gt\":\"dan\"}}", "[4, 5]"),
                Arguments.of("{\"email\":{\"gte\":\"eve@example.com\"}}", "[5]"),
                Arguments.of("{\"email\":{\"contains\":\"example\"}}", "[1, 2, 5]"),
                Arguments.of("{\"email\":{\"contains\":\"EXAMPLE\",\"mode\":\"insensitive\"}}", "[1, 2, 5]"),
                Arguments.of("{\"email\":{\"startsWith\":\"c\"}}", "[3]"),
                Arguments.of("{\"email\":{\"endsWith\":\".org\"}}", "[3, 4]"),
                Arguments.of("{\"email\":{\"contains\":\"%\"}}", "[4]"),
                Arguments.of("{\"email\":{\"contains\":\"_\"}}", "[4]"),
                Arguments.of("{\"email\":{\"startsWith\":\"dan%\"}}", "[4]"),
                Arguments.of("{\"email\":{\"endsWith\":\"\\\\\"}}", "[]"),
                Arguments.of("{\"email\":{\"not\":\"ann@example.com\"}}", "[2, 3, 4, 5]"),
                Arguments.of("{\"email\":{\"not\":{\"contains\":\"example\"}}}", "[3, 4]"),
                Arguments.of("{\"handle\":{\"search\":\"ann\"}}", "[1, 5]"),
                // Int
                Arguments.of("{\"id\":2}", "[2]"),
                Arguments.of("{\"id\":{\"in\":[1,3]}}", "[1, 3]"),
                Arguments.of("{\"id\":{\"notIn\":[1,3]}}", "[2, 4, 5]"),
                Arguments.of("{\"id\":{\"lt\":3}}", "[1, 2]"),
                Arguments.of("{\"id\":{\"lte\":3}}", "[1, 2, 3]"),
                Arguments.of("{\"id\":{\"gt\":3}}", "[4, 5]"),
                Arguments.of("{\"id\":{\"gte\":3}}", "[3, 4, 5]"),
                Arguments.of("{\"id\":{\"not\":3}}", "[1, 2, 4, 5]"),
                Arguments.of("{\"id\":{\"in\":[]}}", "[]"),
                Arguments.of("{\"id\":{\"notIn\":[]}}", "[1, 2, 3, 4, 5]"),
                Arguments.of("{\"mentorId\":null}", "[1, 5]"),
                Arguments.of("{\"mentorId\":{\"not\":null}}", "[2, 3, 4]"),
                Arguments.of("{\"mentorId\":{\"equals\":1}}", "[2, 3]"),
                // BigInt
                Arguments.of("{\"views\":{\"gt\":\"42\"}}", "[1]"),
                Arguments.of("{\"views\":\"9007199254740993\"}", "[1]"),
                Arguments.of("{\"views\":{\"lt\":0}}", "[4]"),
                Arguments.of("{\"views\":{\"in\":[\"0\",7]}}", "[2, 5]"),
                // Float
                Arguments.of("{\"weight\":{\"gt\":61.5}}", "[4]"),
                Arguments.of("{\"weight\":{\"lte\":0.1}}", "[3, 5]"),
                Arguments.of("{\"weight\":61.5}", "[1]"),
                Arguments.of("{\"weight\":null}", "[2]"),
                // Decimal
                Arguments.of("{\"balance\":{\"gte\":100}}", "[1, 5]"),
                Arguments.of("{\"balance\":\"19.9\"}", "[3]"),
                Arguments.of("{\"balance\":{\"lt\":5}}", "[2]"),
                Arguments.of("{\"ratio\":{\"gt\":1}}", "[3]"),
                Arguments.of("{\"ratio\":0.000001}", "[5]"),
                Arguments.of("{\"ratio\":{\"not\":1}}", "[1, 3, 5]"),
                // Boolean
                Arguments.of("{\"active\":true}", "[1, 2, 4]"),
                Arguments.of("{\"active\":{\"not\":true}}", "[3, 5]"),
                // DateTime (timestamp(3), @db.Date)
                Arguments.of("{\"createdAt\":{\"gt\":\"2024-01-01T10:00:00.123Z\"}}", "[2, 4, 5]"),
                Arguments.of("{\"createdAt\":\"2024-01-01T10:00:00.123Z\"}", "[1]"),
                Arguments.of("{\"createdAt\":{\"gte\":\"2024-01-01T12:00:00.123+02:00\"}}", "[1, 2, 4, 5]"),
                Arguments.of("{\"createdAt\":{\"lt\":\"2024-01-01T00:00:00Z\"}}", "[3]"),
                Arguments.of("{\"birthday\":\"2000-02-29T00:00:00.000Z\"}", "[3]"),
                Arguments.of("{\"birthday\":{\"lt\":\"1990-01-01T00:00:00Z\"}}", "[4]"),
                // Enum (ADMIN is @map("admin"))
                Arguments.of("{\"role\":\"ADMIN\"}", "[1]"),
                Arguments.of("{\"role\":{\"in\":[\"USER\",\"GUEST\"]}}", "[2, 3, 4, 5]"),
                Arguments.of("{\"role\":{\"notIn\":[\"USER\"]}}", "[1, 3]"),
                Arguments.of("{\"role\":{\"not\":\"USER\"}}", "[1, 3]"),
                // Bytes
                Arguments.of("{\"avatar\":\"AP8Q\"}", "[1]"),
                Arguments.of("{\"avatar\":\"\"}", "[3]"),
                Arguments.of("{\"avatar\":null}", "[2, 5]"),
                Arguments.of("{\"avatar\":{\"in\":[\"3q2+7w==\"]}}", "[4]"),
                // scalar lists
                Arguments.of("{\"tags\":{\"has\":\"red\"}}", "[1, 4]"),
                Arguments.of("{\"tags\":{\"hasEvery\":[\"red\",\"blue\"]}}", "[1]"),
                Arguments.of("{\"tags\":{\"hasSome\":[\"green\",\"Red\"]}}", "[4, 5]"),
                Arguments.of("{\"tags\":{\"isEmpty\":true}}", "[3]"),
                Arguments.of("{\"tags\":{\"isEmpty\":false}}", "[1, 2, 4, 5]"),
                Arguments.of("{\"tags\":{\"equals\":[\"blue\"]}}", "[2]"),
                Arguments.of("{\"roles\":{\"has\":\"ADMIN\"}}", "[1]"),
                Arguments.of("{\"roles\":{\"has\":\"GUEST\"}}", "[4]"),
                Arguments.of("{\"scores\":{\"has\":1}}", "[1, 5]"),
                Arguments.of("{\"bigs\":{\"has\":\"9223372036854775807\"}}", "[1]"),
                // Json
                Arguments.of("{\"settings\":{\"path\":[\"theme\"],\"equals\":\"dark\"}}", "[1, 4]"),
                Arguments.of("{\"settings\":{\"path\":[\"n\"],\"gt\":2}}", "[1, 2]"),
                Arguments.of("{\"settings\":{\"path\":[\"list\"],\"array_contains\":[2]}}", "[1]"),
                Arguments.of("{\"settings\":{\"path\":[\"theme\"],\"string_starts_with\":\"li\"}}", "[2]"),
                Arguments.of("{\"settings\":{\"path\":[\"theme\"],\"string_ends_with\":\"rk\"}}", "[1, 4]"),
                Arguments.of(
                        "{\"settings\":{\"path\":[\"theme\"],\"string_contains\":\"AR\","
                                + "\"mode\":\"insensitive\"}}",
                        "[1, 4]"),
                Arguments.of("{\"settings\":{\"equals\":{}}}", "[3]"),
                Arguments.of("{\"meta\":{\"equals\":{\"$type\":\"DbNull\"}}}", "[2]"),
                Arguments.of("{\"meta\":{\"equals\":{\"$type\":\"JsonNull\"}}}", "[5]"),
                Arguments.of("{\"meta\":{\"equals\":{\"$type\":\"AnyNull\"}}}", "[2, 5]"),
                Arguments.of("{\"meta\":{\"equals\":\"just a string\"}}", "[3]"),
                Arguments.of("{\"meta\":{\"array_starts_with\":1}}", "[4]"),
                Arguments.of("{\"meta\":{\"path\":[\"a\",\"b\"],\"equals\":\"deep\"}}", "[1]"),
                // field references
                Arguments.of("{\"id\":{\"gt\":{\"$type\":\"FieldRef\",\"field\":\"mentorId\"}}}", "[2, 3, 4]"),
                // AND / OR / NOT at depth
                Arguments.of("{\"AND\":[{\"active\":true},{\"role\":\"USER\"}]}", "[2, 4]"),
                Arguments.of("{\"OR\":[{\"role\":\"ADMIN\"},{\"id\":5}]}", "[1, 5]"),
                Arguments.of("{\"OR\":[]}", "[]"),
                Arguments.of("{\"NOT\":[{\"role\":\"USER\"},{\"active\":true}]}", "[3]"),
                Arguments.of("{\"NOT\":{\"role\":\"USER\",\"active\":true}}", "[1, 3, 5]"),
                Arguments.of(
                        "{\"OR\":[{\"AND\":[{\"active\":true},{\"NOT\":{\"role\":\"USER\"}}]},"
                                + "{\"id\":{\"in\":[5]}}]}",
                        "[1, 5]"),
                // relation filters: 1-1 (back side), 1-n, self-relation
                Arguments.of("{\"profile\":{\"is\":{\"bio\":{\"contains\":\"Admin\"}}}}", "[1]"),
                Arguments.of("{\"profile\":null}", "[4, 5]"),
                Arguments.of("{\"profile\":{\"isNot\":null}}", "[1, 2, 3]"),
                Arguments.of("{\"profile\":{\"bio\":null}}", "[2]"),
                Arguments.of("{\"articles\":{\"some\":{\"status\":\"DRAFT\"}}}", "[1, 4]"),
                Arguments.of("{\"articles\":{\"none\":{}}}", "[5]"),
                Arguments.of("{\"articles\":{\"every\":{\"status\":\"PUBLISHED\"}}}", "[2, 5]"),
                Arguments.of("{\"mentor\":{\"handle\":\"ann\"}}", "[2, 3]"),
                Arguments.of("{\"mentor\":{\"isNot\":{\"handle\":\"ann\"}}}", "[1, 4, 5]"),
                Arguments.of("{\"mentees\":{\"some\":{}}}", "[1, 2]"),
                Arguments.of("{\"mentees\":{\"some\":{\"mentees\":{\"some\":{}}}}}", "[1]"),
                Arguments.of("{\"memberships\":{\"some\":{\"team\":{\"name\":\"Docs\"}}}}", "[2, 4]"));
    }

    @ParameterizedTest(name = "account where {0} -> {1}")
    @MethodSource("accountFilters")
    void accountFilter(String where, String ids) {
        given().contentType(ContentType.JSON)
                .body("{\"where\":" + where + ",\"orderBy\":{\"id\":\"asc\"},\"select\":{\"id\":true}}")
                .when()
                .post("/api/rpc/account/findMany")
                .then()
                .statusCode(200)
                .body("id.toString()", equalTo(ids));
    }

    static Stream<Arguments> otherFilters() {
        return Stream.of(
                // 1-1 from the foreign-key side
                Arguments.of(
                        "profile",
                        "{\"account\":{\"is\":{\"role\":\"GUEST\"}}}",
                        "[33333333-3333-3333-3333-333333333333]"),
                Arguments.of(
                        "profile",
                        "{\"id\":\"22222222-2222-2222-2222-222222222222\"}",
                        "[22222222-2222-2222-2222-222222222222]"),
                // n-1 with an optional foreign key
                Arguments.of("article", "{\"author\":{\"role\":\"ADMIN\"}}", "[1, 2, 9007199254740993]"),
                Arguments.of("article", "{\"author\":null}", "[5]"),
                Arguments.of("article", "{\"author\":{\"isNot\":{\"handle\":\"ann\"}}}", "[3, 4, 5, 6]"),
                Arguments.of("article", "{\"body\":{\"search\":\"cat & mat\"}}", "[9007199254740993]"),
                Arguments.of(
                        "article",
                        "{\"publishedAt\":{\"gte\":\"2024-01-31T22:00:00.500Z\"}}",
                        "[3, 5, 9007199254740993]"),
                Arguments.of("article", "{\"price\":{\"in\":[9.99,\"100\"]}}", "[1, 3]"),
                Arguments.of("article", "{\"title\":{\"startsWith\":\"100%\"}}", "[3]"),
                Arguments.of("article", "{\"title\":{\"endsWith\":\"_b\"}}", "[5]"),
                // implicit many-to-many, both directions
                Arguments.of("article", "{\"categories\":{\"some\":{\"name\":\"Tech\"}}}", "[1, 5]"),
                Arguments.of("category", "{\"articles\":{\"some\":{\"status\":\"ARCHIVED\"}}}", "[5]"),
                Arguments.of("category", "{\"articles\":{\"every\":{\"status\":\"PUBLISHED\"}}}", "[1, 2, 3, 4]"),
                // self-relation tree, at depth
                Arguments.of(
                        "category",
                        "{\"children\":{\"some\":{\"children\":{\"some\":{\"name\":\"PostgreSQL\"}}}}}",
                        "[1]"),
                Arguments.of("category", "{\"parent\":{\"parent\":{\"name\":\"Tech\"}}}", "[4]"),
                Arguments.of("comment", "{\"replyTo\":{\"replyTo\":{\"text\":\"Nice\"}}}", "[3]"),
                // explicit many-to-many through a model with a compound id
                Arguments.of("team", "{\"members\":{\"some\":{\"account\":{\"handle\":\"ben\"}}}}", "[1, 2]"),
                Arguments.of("team", "{\"members\":{\"none\":{}}}", "[3]"),
                Arguments.of("membership", "{\"role\":\"ADMIN\",\"team\":{\"name\":\"Docs\"}}", "[2]"),
                Arguments.of(
                        "membership",
                        "{\"accountId\":{\"gt\":{\"$type\":\"FieldRef\",\"field\":\"teamId\"}}}",
                        "[2, 4]"),
                // Bytes/BigInt in a compound unique, DateTime
                Arguments.of("blob", "{\"checksum\":123}", "[a, c]"),
                Arguments.of("aPIKey", "{\"expires\":{\"lt\":\"2021-01-01T00:00:00Z\"}}", "[k2]"),
                Arguments.of("aPIKey", "{\"hash\":\"q80=\"}", "[k1]"));
    }

    @ParameterizedTest(name = "{0} where {1} -> {2}")
    @MethodSource("otherFilters")
    void otherFilter(String delegate, String where, String ids) {
        String idField = switch (delegate) {
            case "blob" -> "key";
            case "membership" -> "accountId";
            default -> "id";
        };
        given().contentType(ContentType.JSON)
                .body("{\"where\":" + where + ",\"orderBy\":{\"" + idField + "\":\"asc\"},\"select\":{\"" + idField
                        + "\":true}}")
                .when()
                .post("/api/rpc/" + delegate + "/findMany")
                .then()
                .statusCode(200)
                .body(idField + ".toString()", equalTo(ids));
    }
}
