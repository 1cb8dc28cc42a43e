package dev.quarry.security;

import static dev.quarry.security.Callers.admin;
import static dev.quarry.security.Callers.anonymous;
import static dev.quarry.security.Callers.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import io.restassured.response.ValidatableResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The blog's access rules, enforced by PostgreSQL and seen through the API in jwt mode: anonymous requests (role
 * {@code quarry_anon}) read only published posts; a user ({@code quarry_user}, claim {@code id}) reads published
 * posts and their own, edits only their own and cannot give a post to someone else; {@code quarry_admin} sees and
 * edits all. A denied write is a 403 (the database refused the row) or a 404 (the row is invisible to the role, as
 * in Prisma), and leaves every row as it was.
 *
 * <p>A subclass says how the database gets its rules: annotate it {@code @QuarkusTest} with a
 * {@link FreshDatabase} of the blog schema (a schema whose policies migrate to the rules, or the plain blog) and
 * {@link JwtMode} with {@code anonymous-role=quarry_anon}, and implement {@link #installRules}, which runs after
 * the roles ({@code security/roles.sql}) and the seed rows ({@code security/blog-seed.sql}) exist. Give the {@link
 * FreshDatabase} a {@code purpose} argument of its own, so that Quarkus starts the class on a database of its own
 * rather than reusing another class's application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RowLevelSecurityScenario {

    /**
     * Gives the roles {@code quarry_anon}, {@code quarry_user} and {@code quarry_admin} their GRANTs and the tables
     * their policies.
     */
    protected abstract void installRules(DatabaseUrl database);

    /**
     * The status of an anonymous edit or delete of a published post: 403 where the role has no UPDATE/DELETE
     * privilege on the table; 404 where every role has the privilege and row-level security hides the row from the
     * write (as the schema's policies migrate: tables granted to every declared role).
     */
    protected int anonymousEditOfAPublishedPost() {
        return 403;
    }

    /**
     * The {@code meta.reason} of a user's refused {@code POST /api/users}: {@code privilege} where the role has no
     * INSERT on the table, {@code row-level-security} where it has and no policy lets the row in.
     */
    protected String aUserCreatingAUserIsRefusedFor() {
        return "privilege";
    }

    @BeforeAll
    void prepareDatabase() {
        BlogDatabase.seed(database());
        installRules(database());
    }

    private static DatabaseUrl database() {
        return FreshDatabase.current();
    }

    // reads

    @Test
    void anonymousReadsOnlyPublishedPosts() {
        anonymous().get("/api/posts").then().statusCode(200).body("id", containsInAnyOrder("p_alice_pub", "p_bob_pub"));
        anonymous().get("/api/posts/p_alice_draft").then().statusCode(404);
        anonymous().get("/api/posts/p_bob_pub").then().statusCode(200).body("title", equalTo("Bob in public"));
        anonymous().get("/api/posts/_count").then().statusCode(200).body(equalTo("2"));
        anonymous()
                .get("/api/posts/_aggregate?_count=true")
                .then()
                .statusCode(200)
                .body("_count", equalTo(2));
        anonymous()
                .get("/api/users?include=posts&orderBy=email")
                .then()
                .statusCode(200)
                .body("[0].posts.id", containsInAnyOrder("p_alice_pub"))
                .body("[1].posts.id", containsInAnyOrder("p_bob_pub"))
                .body("[2].posts", hasSize(0));
        anonymous()
                .body("{\"where\":{\"published\":false}}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        anonymous()
                .body("{}")
                .post("/api/rpc/post/count")
                .then()
                .statusCode(200)
                .body(equalTo("2"));
    }

    @Test
    void aUserReadsPublishedPostsAndTheirOwn() {
        as("u_alice")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder("p_alice_pub", "p_alice_draft", "p_bob_pub"));
        as("u_alice").get("/api/posts/p_alice_draft").then().statusCode(200).body("body", equalTo("secret"));
        as("u_alice").get("/api/posts/p_bob_draft").then().statusCode(404);
        as("u_alice").get("/api/posts/_count").then().statusCode(200).body(equalTo("3"));
        as("u_alice")
                .get("/api/users/u_bob?include=posts")
                .then()
                .statusCode(200)
                .body("posts.id", containsInAnyOrder("p_bob_pub"));
        as("u_alice")
                .get("/api/users/u_alice?include=posts")
                .then()
                .statusCode(200)
                .body("posts.id", containsInAnyOrder("p_alice_pub", "p_alice_draft"));
        as("u_bob")
                .body("{\"where\":{\"published\":false}}")
                .post("/api/rpc/post/findMany")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder("p_bob_draft"));
        as("u_bob")
                .body("{\"where\":{\"id\":\"p_alice_draft\"}}")
                .post("/api/rpc/post/findUnique")
                .then()
                .statusCode(200)
                .body(equalTo("null"));
        as("u_bob")
                .body("{\"_count\":{\"_all\":true}}")
                .post("/api/rpc/post/aggregate")
                .then()
                .statusCode(200)
                .body("_count._all", equalTo(3));
    }

    @Test
    void anAdminSeesEverything() {
        admin().get("/api/posts").then().statusCode(200).body("$", hasSize(4));
        admin().get("/api/posts/p_bob_draft").then().statusCode(200);
        admin().get("/api/posts/_count").then().statusCode(200).body(equalTo("4"));
        admin().body("{\"include\":{\"posts\":true},\"where\":{\"id\":\"u_bob\"}}")
                .post("/api/rpc/user/findMany")
                .then()
                .statusCode(200)
                .body("[0].posts.id", containsInAnyOrder("p_bob_pub", "p_bob_draft"));
    }

    // writes a role may do (each undone, so the other tests see the seed)

    @Test
    void aUserCreatesEditsAndDeletesTheirOwnPosts() {
        String id = as("u_alice")
                .body("{\"title\":\"New\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                .post("/api/posts")
                .then()
                .statusCode(201)
                .body("authorId", equalTo("u_alice"))
                .extract()
                .path("id");
        as("u_alice")
                .body("{\"title\":\"Renamed\"}")
                .patch("/api/posts/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Renamed"));
        anonymous().get("/api/posts/" + id).then().statusCode(404);
        as("u_alice").delete("/api/posts/" + id).then().statusCode(200);
        as("u_alice").get("/api/posts/" + id).then().statusCode(404);

        as("u_alice")
                .body("{\"posts\":{\"create\":{\"id\":\"p_nested\",\"title\":\"Nested\",\"body\":\"b\"}}}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(200);
        as("u_alice").get("/api/posts/p_nested").then().statusCode(200).body("authorId", equalTo("u_alice"));
        as("u_alice")
                .body("{\"where\":{\"id\":\"p_nested\"}}")
                .post("/api/rpc/post/delete")
                .then()
                .statusCode(200);
    }

    @Test
    void updateManyTouchesOnlyTheUsersOwnRows() {
        as("u_alice")
                .body("{\"body\":\"edited\"}")
                .queryParam("filter", "{\"published\":true}")
                .patch("/api/posts")
                .then()
                .statusCode(200)
                .body("count", equalTo(1));
        admin().get("/api/posts/p_bob_pub").then().statusCode(200).body("body", equalTo("hi"));
        admin().get("/api/posts/p_alice_pub").then().statusCode(200).body("body", equalTo("edited"));
        admin().body("{\"where\":{\"id\":\"p_alice_pub\"},\"data\":{\"body\":\"hello\"}}")
                .post("/api/rpc/post/update")
                .then()
                .statusCode(200);
    }

    @Test
    void anAdminEditsAnyPost() {
        admin().body("{\"title\":\"Moderated\"}")
                .patch("/api/posts/p_bob_draft")
                .then()
                .statusCode(200)
                .body("title", equalTo("Moderated"));
        admin().body("{\"title\":\"Bob draft\"}")
                .patch("/api/posts/p_bob_draft")
                .then()
                .statusCode(200);
    }

    // writes a role may not do: refused, nothing changed

    @Test
    void aUserCannotCreateAPostForSomeoneElse() {
        denied(
                        403,
                        () -> as("u_alice")
                                .body("{\"title\":\"Forged\",\"body\":\"b\",\"authorId\":\"u_bob\"}")
                                .post("/api/posts")
                                .then())
                .body("meta.reason", equalTo("row-level-security"));
        denied(
                403,
                () -> as("u_alice")
                        .body("{\"data\":{\"title\":\"Forged\",\"body\":\"b\","
                                + "\"author\":{\"connect\":{\"id\":\"u_bob\"}}}}")
                        .post("/api/rpc/post/create")
                        .then());
    }

    @Test
    void aUserCannotReassignTheirPost() {
        denied(
                403,
                () -> as("u_alice")
                        .body("{\"authorId\":\"u_bob\"}")
                        .patch("/api/posts/p_alice_draft")
                        .then());
        denied(
                403,
                () -> as("u_alice")
                        .body("{\"where\":{\"id\":\"p_alice_pub\"},"
                                + "\"data\":{\"author\":{\"connect\":{\"id\":\"u_bob\"}}}}")
                        .post("/api/rpc/post/update")
                        .then());
    }

    @Test
    void aUserCannotEditOrDeleteSomeoneElsesPost() {
        denied(
                        404,
                        () -> as("u_alice")
                                .body("{\"title\":\"Hacked\"}")
                                .patch("/api/posts/p_bob_pub")
                                .then())
                .body("code", equalTo("P2025"));
        denied(
                404,
                () -> as("u_alice")
                        .body("{\"title\":\"Hacked\"}")
                        .patch("/api/posts/p_bob_draft")
                        .then());
        denied(404, () -> as("u_alice").delete("/api/posts/p_bob_pub").then());
        denied(
                404,
                () -> as("u_alice")
                        .body("{\"where\":{\"id\":\"p_bob_pub\"}}")
                        .post("/api/rpc/post/delete")
                        .then());
        denied(
                        200,
                        () -> as("u_alice")
                                .body("{\"where\":{\"authorId\":\"u_bob\"}}")
                                .post("/api/rpc/post/deleteMany")
                                .then())
                .body("count", equalTo(0));
        denied(
                        200,
                        () -> as("u_alice")
                                .body("{\"where\":{\"authorId\":\"u_bob\"},\"data\":{\"title\":\"Hacked\"}}")
                                .post("/api/rpc/post/updateMany")
                                .then())
                .body("count", equalTo(0));
    }

    @Test
    void aNestedWriteIntoSomeoneElsesRecordIsRefusedWhole() {
        denied(
                404,
                () -> as("u_alice")
                        .body("{\"posts\":{\"create\":{\"title\":\"Planted\",\"body\":\"b\"}}}")
                        .patch("/api/users/u_bob")
                        .then());
        denied(
                        403,
                        () -> as("u_alice")
                                .body("{\"email\":\"mallory@example.com\","
                                        + "\"posts\":{\"create\":{\"title\":\"t\",\"body\":\"b\"}}}")
                                .post("/api/users")
                                .then())
                .body("meta.reason", equalTo(aUserCreatingAUserIsRefusedFor()));
        denied(
                403,
                () -> as("u_alice")
                        .body("[{\"delegate\":\"post\",\"operation\":\"create\","
                                + "\"args\":{\"data\":{\"title\":\"ok\","
                                + "\"body\":\"b\",\"authorId\":\"u_alice\"}}},{\"delegate\":\"post\","
                                + "\"operation\":\"create\",\"args\":{\"data\":{\"title\":\"forged\",\"body\":\"b\","
                                + "\"authorId\":\"u_bob\"}}}]")
                        .urlEncodingEnabled(false)
                        .post("/api/rpc/$transaction")
                        .then());
    }

    @Test
    void anonymousCannotWriteAtAll() {
        denied(
                403,
                () -> anonymous()
                        .body("{\"title\":\"Spam\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                        .post("/api/posts")
                        .then());
        denied(
                anonymousEditOfAPublishedPost(),
                () -> anonymous()
                        .body("{\"title\":\"Spam\"}")
                        .patch("/api/posts/p_alice_pub")
                        .then());
        denied(
                anonymousEditOfAPublishedPost(),
                () -> anonymous().delete("/api/posts/p_alice_pub").then());
    }

    /** The request's answer has this status and a problem document without SQL, and no row changed. */
    private static ValidatableResponse denied(int status, Supplier<ValidatableResponse> request) {
        String before = BlogDatabase.checksum(database());
        ValidatableResponse response = request.get().statusCode(status);
        if (status >= 400) {
            response.contentType("application/problem+json")
                    .body(not(containsString("SELECT")))
                    .body(not(containsString("policy for table")));
        }
        assertEquals(before, BlogDatabase.checksum(database()), "a refused write changed the database");
        return response;
    }
}
