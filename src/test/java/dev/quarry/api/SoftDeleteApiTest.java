package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Soft delete ({@code schema/soft-delete/api.prisma}) through the API in open mode, which may reach soft-deleted
 * rows: every read leaves them out (top level, includes three levels deep, a to-one, relation filters, {@code
 * _count}, count, aggregate, groupBy, cursor, the NDJSON stream, the ETag read), {@code withDeleted} brings them
 * back, deletes (top level, many, nested) set the field and keep the row, updates, upserts and connects do not
 * reach them, and an update setting the field to null restores one.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema/soft-delete/api.prisma"),
            @ResourceArg(name = "purpose", value = "SoftDeleteApiTest")
        })
class SoftDeleteApiTest {

    /**
     * Users 1 and 2 live, 3 deleted; post 11 and comment 101 deleted, post 13 live under deleted user 3; Bob's
     * profile removed.
     */
    static final String SEED = """
            DELETE FROM "Comment"; DELETE FROM "Post"; DELETE FROM "Profile"; DELETE FROM "User";
            INSERT INTO "User" (id, email, name, "deletedAt") VALUES (1, 'ann@x', 'Ann', NULL), (2, 'bob@x', \
            'Bob', NULL),
                (3, 'cat@x', 'Cat', '2026-01-01T00:00:00Z');
            INSERT INTO "Profile" (id, bio, "userId", "removedAt") VALUES (1, 'Ann here', 1, NULL), (2, 'Bob \
            here', 2, '2026-01-01T00:00:00Z');
            INSERT INTO "Post" (id, title, views, "authorId", "deletedAt") VALUES (10, 'live', 5, 1, NULL), \
            (11, 'gone', 100, 1, '2026-01-02T00:00:00Z'),
                (12, 'bobs', 7, 2, NULL), (13, 'orphan', 1, 3, NULL);
            INSERT INTO "Comment" (id, text, "postId", "deletedAt") VALUES (100, 'kept', 10, NULL), \
            (101, 'removed', 10, '2026-01-03T00:00:00Z'),
                (102, 'under a deleted post', 11, NULL);
            """;

    @BeforeEach
    void seed() {
        TestServer.execute(FreshDatabase.current(), SEED);
    }

    private static ValidatableResponse rpc(String delegate, String operation, String args) {
        return given().contentType("application/json")
                .body(args)
                .post("/api/rpc/" + delegate + "/" + operation)
                .then();
    }

    @Test
    void topLevelReadsLeaveSoftDeletedRowsOutAndWithDeletedBringsThemBack() {
        rpc("user", "findMany", "{\"orderBy\": {\"id\": \"asc\"}}")
                .statusCode(200)
                .body("id", contains(1, 2));
        rpc("user", "findMany", "{\"orderBy\": {\"id\": \"asc\"}, \"withDeleted\": true}")
                .statusCode(200)
                .body("id", contains(1, 2, 3));
        given().get("/api/users?orderBy=id").then().statusCode(200).body("id", contains(1, 2));
        given().get("/api/users?orderBy=id&withDeleted=true")
                .then()
                .statusCode(200)
                .body("id", contains(1, 2, 3));
        rpc("user", "findUnique", "{\"where\": {\"id\": 3}}").statusCode(200).body(equalTo("null"));
        rpc("user", "findFirst", "{\"where\": {\"name\": \"Cat\"}}")
                .statusCode(200)
                .body(equalTo("null"));
        rpc("user", "findUnique", "{\"where\": {\"id\": 3}, \"withDeleted\": true}")
                .statusCode(200)
                .body("name", equalTo("Cat"));
        given().get("/api/users/3").then().statusCode(404).body("code", equalTo("P2025"));
        given().get("/api/users/3?withDeleted=true")
                .then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Cat"));
        given().get("/api/users?withDeleted=yes").then().statusCode(400).body("code", equalTo("Q104"));
    }

    @Test
    void includesThreeLevelsDeepAndToOneRelationsSeeLiveRowsOnly() {
        String args = "{\"orderBy\": {\"id\": \"asc\"}, \"include\": {\"profile\": true, \"posts\": {\"orderBy\": "
                + "{\"id\": \"asc\"}, \"include\": {\"comments\": "
                + "{\"orderBy\": {\"id\": \"asc\"}, \"include\": {\"post\": true}}}}}}";
        rpc("user", "findMany", args)
                .statusCode(200)
                .body("[0].posts.id", contains(10))
                .body("[0].posts[0].comments.id", contains(100))
                .body("[0].posts[0].comments[0].post.id", equalTo(10))
                .body("[0].profile.bio", equalTo("Ann here"))
                .body("[1].profile", nullValue());
        rpc("user", "findMany", args.replaceFirst("\\{", "{\"withDeleted\": true, "))
                .statusCode(200)
                .body("id", contains(1, 2, 3))
                .body("[0].posts.id", contains(10, 11))
                .body("[0].posts[0].comments.id", contains(100, 101))
                .body("[1].profile.bio", equalTo("Bob here"));
        // a post of a soft-deleted author reads its author as absent
        rpc("post", "findUnique", "{\"where\": {\"id\": 13}, \"include\": {\"author\": true}}")
                .statusCode(200)
                .body("author", nullValue());
        rpc(
                        "user",
                        "findMany",
                        "{\"orderBy\": {\"id\": \"asc\"}, \"select\": {\"id\": true, \"_count\": "
                                + "{\"select\": {\"posts\": " + "true}}}}")
                .statusCode(200)
                .body("_count.posts", contains(1, 1));
        rpc(
                        "post",
                        "findMany",
                        "{\"orderBy\": {\"id\": \"asc\"}, \"select\": {\"id\": true, \"_count\": "
                                + "{\"select\": "
                                + "{\"comments\": true}}}}")
                .statusCode(200)
                .body("id", contains(10, 12, 13))
                .body("_count.comments", contains(1, 0, 0));
    }

    @Test
    void relationFiltersSeeLiveRowsOnly() {
        rpc("user", "findMany", "{\"where\": {\"posts\": {\"some\": {\"views\": {\"gt\": 50}}}}}")
                .statusCode(200)
                .body("$", empty());
        rpc(
                        "user",
                        "findMany",
                        "{\"where\": {\"posts\": {\"some\": {\"views\": {\"gt\": 50}}}}, \"withDeleted\": " + "true}")
                .statusCode(200)
                .body("id", contains(1));
        rpc(
                        "user",
                        "findMany",
                        "{\"orderBy\": {\"id\": \"asc\"}, \"where\": {\"posts\": {\"every\": {\"views\": "
                                + "{\"lt\": 10}}}}}")
                .statusCode(200)
                .body("id", contains(1, 2));
        rpc("user", "findMany", "{\"where\": {\"posts\": {\"none\": {}}}}")
                .statusCode(200)
                .body("$", empty());
        rpc("post", "findMany", "{\"where\": {\"author\": {\"is\": {\"name\": \"Cat\"}}}}")
                .statusCode(200)
                .body("$", empty());
        rpc("post", "findMany", "{\"where\": {\"author\": {\"name\": \"Cat\"}}, \"withDeleted\": true}")
                .statusCode(200)
                .body("id", contains(13));
        rpc(
                        "post",
                        "findMany",
                        "{\"orderBy\": {\"id\": \"asc\"}, \"where\": {\"author\": {\"isNot\": {\"name\": "
                                + "\"Ann\"}}}}")
                .statusCode(200)
                .body("id", contains(12, 13));
        rpc("profile", "findMany", "{\"where\": {\"user\": {\"is\": {\"name\": \"Bob\"}}}}")
                .statusCode(200)
                .body("$", empty());
        rpc("user", "findMany", "{\"orderBy\": {\"id\": \"asc\"}, \"where\": {\"profile\": {\"is\": null}}}")
                .statusCode(200)
                .body("id", contains(2));
        rpc("comment", "findMany", "{\"where\": {\"post\": {\"is\": {\"title\": \"gone\"}}}}")
                .statusCode(200)
                .body("$", empty());
    }

    @Test
    void countsAggregatesGroupsCursorsAndStreamsSeeLiveRowsOnly() {
        rpc("post", "count", "{}").statusCode(200).body(equalTo("3"));
        rpc("post", "count", "{\"withDeleted\": true}").statusCode(200).body(equalTo("4"));
        given().get("/api/posts/_count").then().statusCode(200).body(equalTo("3"));
        rpc("post", "aggregate", "{\"_sum\": {\"views\": true}, \"_max\": {\"views\": true}}")
                .statusCode(200)
                .body("_sum.views", equalTo(13))
                .body("_max.views", equalTo(7));
        rpc("post", "aggregate", "{\"_sum\": {\"views\": true}, \"withDeleted\": true}")
                .statusCode(200)
                .body("_sum.views", equalTo(113));
        rpc(
                        "post",
                        "groupBy",
                        "{\"by\": [\"authorId\"], \"_count\": {\"_all\": true}, \"orderBy\": "
                                + "{\"authorId\": \"asc\"}}")
                .statusCode(200)
                .body("authorId", contains(1, 2, 3))
                .body("_count._all", contains(1, 1, 1));
        rpc("post", "findMany", "{\"cursor\": {\"id\": 11}, \"orderBy\": {\"id\": \"asc\"}}")
                .statusCode(200)
                .body("$", empty());
        rpc("post", "findMany", "{\"cursor\": {\"id\": 11}, \"orderBy\": {\"id\": \"asc\"}, \"withDeleted\": true}")
                .statusCode(200)
                .body("id", contains(11, 12, 13));
        rpc("post", "findMany", "{\"orderBy\": {\"author\": {\"name\": \"asc\"}}}")
                .statusCode(200)
                .body("id", contains(10, 12, 13));
        String lines = given().accept("application/x-ndjson")
                .get("/api/posts?orderBy=id")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(3, lines.lines().count(), lines);
        String all = given().accept("application/x-ndjson")
                .get("/api/posts?orderBy=id&withDeleted=true")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(4, all.lines().count(), all);
    }

    @Test
    void deletesSetTheFieldAndKeepTheRow() throws SQLException {
        rpc("post", "delete", "{\"where\": {\"id\": 10}}")
                .statusCode(200)
                .body("id", equalTo(10))
                .body("deletedAt", nullValue());
        rpc("post", "findMany", "{\"orderBy\": {\"id\": \"asc\"}}")
                .statusCode(200)
                .body("id", contains(12, 13));
        assertEquals(
                List.of("10 deleted", "11 deleted", "12 live", "13 live"),
                rows("SELECT id, \"deletedAt\" FROM \"Post\" ORDER BY id"));
        rpc("post", "delete", "{\"where\": {\"id\": 10}}").statusCode(404).body("code", equalTo("P2025"));
        given().delete("/api/posts/11").then().statusCode(404).body("code", equalTo("P2025"));
        rpc("comment", "deleteMany", "{}").statusCode(200).body("count", equalTo(2));
        assertEquals(
                List.of("100 deleted", "101 deleted", "102 deleted"),
                rows("SELECT id, \"deletedAt\" FROM \"Comment\" ORDER BY id"));
        // nested: a delete and a deleteMany inside an update
        rpc(
                        "user",
                        "update",
                        "{\"where\": {\"id\": 2}, \"data\": {\"posts\": {\"delete\": [{\"id\": 12}]}}, "
                                + "\"include\": "
                                + "{\"posts\": true}}")
                .statusCode(200)
                .body("posts", empty());
        rpc("user", "update", "{\"where\": {\"id\": 3}, \"data\": {\"name\": \"Cat\"}}")
                .statusCode(404)
                .body("code", equalTo("P2025"));
        assertEquals(
                List.of("10 deleted", "11 deleted", "12 deleted", "13 live"),
                rows("SELECT id, \"deletedAt\" FROM \"Post\" ORDER BY id"));
        rpc("user", "delete", "{\"where\": {\"id\": 1}}").statusCode(200).body("name", equalTo("Ann"));
        rpc("user", "count", "{}").statusCode(200).body(equalTo("1"));
        assertEquals(
                List.of("1 deleted", "2 live", "3 deleted"),
                rows("SELECT id, \"deletedAt\" FROM \"User\" ORDER BY id"));
    }

    @Test
    void updatesUpsertsAndConnectsDoNotReachSoftDeletedRows() throws SQLException {
        rpc("post", "update", "{\"where\": {\"id\": 11}, \"data\": {\"title\": \"back?\"}}")
                .statusCode(404)
                .body("code", equalTo("P2025"));
        given().contentType("application/json")
                .body("{\"title\": \"back?\"}")
                .patch("/api/posts/11")
                .then()
                .statusCode(404)
                .body("code", equalTo("P2025"));
        rpc("post", "updateMany", "{\"where\": {}, \"data\": {\"views\": 0}}")
                .statusCode(200)
                .body("count", equalTo(3));
        assertEquals(List.of("10 0", "11 100", "12 0", "13 0"), rows("SELECT id, views FROM \"Post\" ORDER BY id"));
        rpc("comment", "update", "{\"where\": {\"id\": 100}, \"data\": {\"post\": {\"connect\": {\"id\": 11}}}}")
                .statusCode(404)
                .body("code", equalTo("P2025"));
        rpc("comment", "create", "{\"data\": {\"id\": 103, \"text\": \"t\", \"post\": {\"connect\": {\"id\": 11}}}}")
                .statusCode(404)
                .body("code", equalTo("P2025"));
        rpc(
                        "user",
                        "update",
                        "{\"where\": {\"id\": 1}, \"data\": {\"posts\": {\"update\": {\"where\": {\"id\": "
                                + "11}, \"data\": " + "{\"title\": \"x\"}}}}}")
                .statusCode(404)
                .body("code", equalTo("P2025"));
        // upsert: the soft-deleted cat@x is absent, so a live cat@x is created beside it (the partial unique index
        // allows it)
        rpc(
                        "user",
                        "upsert",
                        "{\"where\": {\"email\": \"cat@x\"}, \"create\": {\"id\": 4, \"email\": \"cat@x\", "
                                + "\"name\": \"Cat " + "again\"}, \"update\": {\"name\": \"no\"}}")
                .statusCode(200)
                .body("id", equalTo(4));
        assertEquals(
                List.of("1 Ann", "2 Bob", "3 Cat", "4 Cat again"), rows("SELECT id, name FROM \"User\" ORDER BY id"));
    }

    @Test
    void anUpdateSettingTheFieldToNullRestores() {
        rpc("user", "update", "{\"where\": {\"id\": 3}, \"data\": {\"deletedAt\": null}}")
                .statusCode(200)
                .body("name", equalTo("Cat"))
                .body("deletedAt", nullValue());
        rpc("user", "findMany", "{\"orderBy\": {\"id\": \"asc\"}}")
                .statusCode(200)
                .body("id", contains(1, 2, 3));
        given().contentType("application/json")
                .body("{\"deletedAt\": null}")
                .patch("/api/posts/11")
                .then()
                .statusCode(200)
                .body("title", equalTo("gone"));
        rpc("post", "count", "{}").statusCode(200).body(equalTo("4"));
    }

    @Test
    void liveUsersCannotShareAnEmailSoftDeletedOnesCan() {
        rpc("user", "create", "{\"data\": {\"id\": 5, \"email\": \"ann@x\", \"name\": \"Ann 2\"}}")
                .statusCode(409)
                .body("code", equalTo("P2002"));
        rpc("user", "delete", "{\"where\": {\"id\": 1}}").statusCode(200);
        rpc("user", "create", "{\"data\": {\"id\": 5, \"email\": \"ann@x\", \"name\": \"Ann 2\"}}")
                .statusCode(200);
        rpc("user", "delete", "{\"where\": {\"id\": 5}}").statusCode(200);
        rpc("user", "create", "{\"data\": {\"id\": 6, \"email\": \"ann@x\", \"name\": \"Ann 3\"}}")
                .statusCode(200);
        rpc("user", "create", "{\"data\": {\"id\": 7, \"email\": \"ann@x\", \"name\": \"Ann 4\"}}")
                .statusCode(409)
                .body("code", equalTo("P2002"));
        rpc("user", "count", "{\"where\": {\"email\": \"ann@x\"}, \"withDeleted\": true}")
                .statusCode(200)
                .body(equalTo("3"));
        rpc("user", "findUnique", "{\"where\": {\"email\": \"ann@x\"}}")
                .statusCode(200)
                .body("id", equalTo(6));
    }

    /**
     * Each row's first column, then its second as is, or as {@code deleted}/{@code live} when it is a time or null.
     */
    private static List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = TestServer.connect(FreshDatabase.current());
                ResultSet r = c.createStatement().executeQuery(sql)) {
            boolean time = r.getMetaData().getColumnTypeName(2).startsWith("timestamp");
            while (r.next()) {
                String second = r.getString(2);
                out.add(r.getString(1) + " " + (time ? (second == null ? "live" : "deleted") : second));
            }
        }
        return out;
    }
}
