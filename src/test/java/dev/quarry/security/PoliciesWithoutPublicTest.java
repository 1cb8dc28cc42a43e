package dev.quarry.security;

import static dev.quarry.security.Callers.admin;
import static dev.quarry.security.Callers.anonymous;
import static dev.quarry.security.Callers.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema's policies ({@code policies/tagged-posts.prisma}) granted to the declared roles only, never PUBLIC:
 * another login of the cluster that sets the claims of an administrator reaches nothing; {@code auth().role} is the
 * role the request runs as; the posts–tags join table follows both sides' rules; a role that may not read one
 * column reads and writes by id without it, with entity tags of what it reads.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "policies/tagged-posts.prisma"),
            @ResourceArg(name = "purpose", value = "policies-without-public")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliciesWithoutPublicTest {

    /**
     * A login of the same cluster that was granted nothing: the attacker. Unique to this test, created
     * idempotently.
     */
    private static final String INTRUDER = "quarry_policies_intruder";

    private static final String SEED = """
            DELETE FROM "_PostToTag"; DELETE FROM "Tag"; DELETE FROM "Post"; DELETE FROM "User";
            INSERT INTO "User" (id, name, email) VALUES ('u_alice', 'Alice', 'alice@example.com'),
                ('u_bob', 'Bob', 'bob@example.com');
            INSERT INTO "Post" (id, title, published, "authorId") VALUES
                ('p_alice', 'Alice in public', true, 'u_alice'), ('p_alice_draft', 'Alice drafting', false, 'u_alice'),
                ('p_bob', 'Bob in public', true, 'u_bob');
            INSERT INTO "Tag" (id, label, "ownerId") VALUES ('t_alice', 'java', 'u_alice'), ('t_bob', 'sql', 'u_bob');
            INSERT INTO "_PostToTag" ("A", "B") VALUES ('p_alice_draft', 't_alice'), ('p_bob', 't_bob');
            """;

    @BeforeAll
    void createTheIntruder() {
        TestServer.execute(
                database(),
                "DO $$ BEGIN CREATE ROLE " + INTRUDER + " LOGIN; "
                        + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    }

    @BeforeEach
    void seed() {
        TestServer.execute(database(), SEED);
    }

    // ---- another login of the cluster

    @Test
    void anotherLoginThatSetsAnAdministratorsClaimsIsRefusedEverything() throws SQLException {
        List<String> before = snapshot();
        List<String> attempts = List.of(
                "SELECT * FROM \"Post\"",
                "INSERT INTO \"Post\" (id, title, \"authorId\") VALUES ('p_evil', 'Evil', 'u_alice')",
                "UPDATE \"Post\" SET title = 'Defaced'",
                "DELETE FROM \"Post\"",
                "SELECT * FROM \"User\"",
                "INSERT INTO \"User\" (id, name) VALUES ('u_evil', 'Evil')",
                "UPDATE \"User\" SET name = 'Defaced'",
                "DELETE FROM \"User\"",
                "SELECT * FROM \"Tag\"",
                "UPDATE \"Tag\" SET label = 'Defaced'",
                "SELECT * FROM \"_PostToTag\"",
                "INSERT INTO \"_PostToTag\" (\"A\", \"B\") VALUES ('p_bob', 't_alice')",
                "DELETE FROM \"_PostToTag\"",
                "SET ROLE quarry_admin");
        DatabaseUrl intruder = new DatabaseUrl(
                database().host(),
                database().port(),
                database().database(),
                INTRUDER,
                Optional.empty(),
                database().schema(),
                database().parameters());
        for (String attempt : attempts) {
            try (Connection connection = TestServer.connect(intruder);
                    Statement statement = connection.createStatement()) {
                statement.execute("SET request.jwt.claims = '{\"id\": \"u_alice\", \"role\": \"quarry_admin\"}'");
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(attempt), attempt);
                assertEquals("42501", refused.getSQLState(), attempt + ": " + refused.getMessage());
            }
        }
        assertEquals(before, snapshot(), "nothing changed");
        admin().get("/api/posts")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder("p_alice", "p_alice_draft", "p_bob"));
    }

    // ---- the declared roles, through the API

    @Test
    void theDeclaredRolesReachTheirRowsAndAuthRoleIsTheRequestsRole() {
        anonymous().get("/api/posts").then().statusCode(200).body("id", containsInAnyOrder("p_alice", "p_bob"));
        as("u_alice")
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder("p_alice", "p_alice_draft", "p_bob"));
        as("u_bob").get("/api/posts").then().statusCode(200).body("id", containsInAnyOrder("p_alice", "p_bob"));
        admin().get("/api/posts")
                .then()
                .statusCode(200)
                .body("id", containsInAnyOrder("p_alice", "p_alice_draft", "p_bob"));
        admin().get("/api/users/u_bob").then().statusCode(200).body("email", equalTo("bob@example.com"));
    }

    /**
     * A claimed {@code "role"} that is not the role the request runs as changes nothing: {@code auth().role} is
     * {@code current_user}.
     */
    @Test
    void aRoleClaimCannotForgeAuthRole() throws SQLException {
        String forged = "{\"id\": \"u_bob\", \"role\": \"quarry_admin\"}";
        assertEquals(List.of("p_alice", "p_bob"), asRole("quarry_user", forged, "SELECT id FROM \"Post\" ORDER BY id"));
        assertEquals(List.of("p_alice", "p_bob"), asRole("quarry_anon", forged, "SELECT id FROM \"Post\" ORDER BY id"));
        assertEquals(
                List.of("p_alice", "p_alice_draft", "p_bob"),
                asRole("quarry_admin", "{}", "SELECT id FROM \"Post\" ORDER BY id"));
    }

    // ---- the join table of posts and tags

    @Test
    void aUserLinksAndUnlinksOnlyWhatTheyMayEditOnBothSides() throws SQLException {
        as("u_alice")
                .body("{\"tags\": {\"connect\": [{\"id\": \"t_alice\"}]}}")
                .patch("/api/posts/p_alice?omit=title")
                .then()
                .statusCode(200);
        assertEquals(List.of("p_alice t_alice", "p_alice_draft t_alice", "p_bob t_bob"), links());

        as("u_alice")
                .body("{\"tags\": {\"connect\": [{\"id\": \"t_bob\"}]}}")
                .patch("/api/posts/p_alice")
                .then()
                .statusCode(403);
        as("u_alice")
                .body("{\"posts\": {\"connect\": [{\"id\": \"p_bob\"}]}}")
                .patch("/api/tags/t_alice")
                .then()
                .statusCode(403);
        assertEquals(
                List.of("p_alice t_alice", "p_alice_draft t_alice", "p_bob t_bob"),
                links(),
                "bob's tag and bob's post stay unlinked");

        as("u_bob")
                .body("{\"posts\": {\"disconnect\": [{\"id\": \"p_bob\"}]}}")
                .patch("/api/tags/t_bob")
                .then()
                .statusCode(200);
        assertEquals(List.of("p_alice t_alice", "p_alice_draft t_alice"), links());

        admin().body("{\"posts\": {\"connect\": [{\"id\": \"p_bob\"}]}}")
                .patch("/api/tags/t_alice")
                .then()
                .statusCode(200);
        as("u_alice")
                .body("{\"posts\": {\"disconnect\": [{\"id\": \"p_bob\"}]}}")
                .patch("/api/tags/t_alice");
        assertEquals(
                List.of("p_alice t_alice", "p_alice_draft t_alice", "p_bob t_alice"),
                links(),
                "alice may not edit bob's post: the link stays");
    }

    @Test
    void readsOfTheJoinTableAreBoundedByBothSides() throws SQLException {
        anonymous()
                .get("/api/tags/t_alice?include=posts")
                .then()
                .statusCode(200)
                .body("posts.id", containsInAnyOrder());
        as("u_alice")
                .get("/api/tags/t_alice?include=posts")
                .then()
                .statusCode(200)
                .body("posts.id", containsInAnyOrder("p_alice_draft"));
        assertEquals(
                List.of("1"),
                asRole("quarry_anon", "{}", "SELECT count(*) FROM \"_PostToTag\""),
                "the draft's link is hidden too");
        assertEquals(
                List.of("2"), asRole("quarry_user", "{\"id\": \"u_alice\"}", "SELECT count(*) FROM \"_PostToTag\""));
    }

    // ---- what a role reads: its default selection and its entity tags

    @Test
    void aRoleThatMayNotReadAColumnReadsAndWritesByIdWithoutItAndItsOwnEntityTags() throws SQLException {
        String tag = as("u_alice")
                .get("/api/users/u_alice")
                .then()
                .statusCode(200)
                .body("$", not(hasKey("email")))
                .body("name", equalTo("Alice"))
                .extract()
                .header("ETag");
        as("u_alice").get("/api/users/u_alice?select=email").then().statusCode(403);
        anonymous().get("/api/users").then().statusCode(200).body("[0]", not(hasKey("email")));
        assertEquals(
                tag,
                as("u_alice")
                        .get("/api/users/u_alice?omit=name")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag"),
                "the tag is the record's as the role sees it, whatever the answer selects");

        as("u_alice")
                .header("If-Match", "\"stale\"")
                .body("{\"name\": \"Alicia\"}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(412);
        String next = as("u_alice")
                .header("If-Match", tag)
                .body("{\"name\": \"Alicia\"}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(200)
                .body("name", equalTo("Alicia"))
                .body("$", not(hasKey("email")))
                .extract()
                .header("ETag");
        assertEquals(
                next,
                as("u_alice")
                        .get("/api/users/u_alice")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag"));
        as("u_alice")
                .header("If-Match", tag)
                .body("{\"name\": \"Al\"}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(412);

        String adminTag = admin().get("/api/users/u_alice")
                .then()
                .statusCode(200)
                .body("email", equalTo("alice@example.com"))
                .extract()
                .header("ETag");
        assertNotEquals(next, adminTag, "the administrator's tag digests the email too");
        assertEquals(
                adminTag,
                admin().get("/api/users/u_alice?select=name")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag"),
                "the same shape as alice's next read, kept apart by role");
        assertEquals(
                next,
                as("u_alice")
                        .get("/api/users/u_alice?select=name")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag"));
        String changedEmail = admin().header("If-Match", adminTag)
                .body("{\"email\": \"alicia@example.com\"}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        admin().header("If-Match", adminTag)
                .body("{\"name\": \"Stale\"}")
                .patch("/api/users/u_alice")
                .then()
                .statusCode(412);
        assertEquals(
                next,
                as("u_alice")
                        .get("/api/users/u_alice")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag"),
                "a change alice cannot see leaves her tag as it was");

        as("u_alice")
                .header("If-Match", next)
                .body("{\"create\": {\"name\": \"x\"}, \"update\": {\"name\": \"Ali\"}}")
                .put("/api/users/u_alice")
                .then()
                .statusCode(200)
                .body("name", equalTo("Ali"))
                .body("$", not(hasKey("email")));
        admin().header("If-Match", changedEmail)
                .delete("/api/users/u_alice")
                .then()
                .statusCode(412);
        assertEquals(
                List.of("Ali alicia@example.com"),
                asRole("quarry_admin", "{}", "SELECT name || ' ' || email FROM \"User\" WHERE id = 'u_alice'"));
    }

    @Test
    void rpcReadsAndTransactionsSelectWhatTheRoleReads() {
        as("u_alice")
                .body("{\"where\": {\"id\": \"u_alice\"}, \"include\": {\"posts\": {\"include\": {\"author\": "
                        + "true}}}}")
                .post("/api/rpc/user/findUnique")
                .then()
                .statusCode(200)
                .body("$", not(hasKey("email")))
                .body("posts[0].author", not(hasKey("email")));
        admin().body("{\"where\": {\"id\": \"u_alice\"}}")
                .post("/api/rpc/user/findUnique")
                .then()
                .statusCode(200)
                .body("email", equalTo("alice@example.com"));
        as("u_alice")
                .body("[{\"delegate\": \"user\", \"operation\": \"update\", \"args\": {\"where\": "
                        + "{\"id\": \"u_alice\"}, "
                        + "\"data\": {\"name\": \"A\"}}},"
                        + " {\"delegate\": \"user\", \"operation\": \"findMany\", \"args\": {}}]")
                .urlEncodingEnabled(false)
                .post("/api/rpc/$transaction")
                .then()
                .statusCode(200)
                .body("[0]", not(hasKey("email")))
                .body("[1][0]", not(hasKey("email")));
    }

    // ---- support

    private static DatabaseUrl database() {
        return FreshDatabase.current();
    }

    /** The links, read as the owner: {@code "post tag"}, sorted. */
    private static List<String> links() throws SQLException {
        try (Connection connection = TestServer.connect(database())) {
            return values(connection, "SELECT \"A\" || ' ' || \"B\" FROM \"_PostToTag\" ORDER BY 1");
        }
    }

    private static List<String> snapshot() throws SQLException {
        try (Connection connection = TestServer.connect(database())) {
            List<String> rows = values(
                    connection,
                    "SELECT format('%s %s %s %s', id, title, published, \"authorId\") FROM \"Post\" ORDER " + "BY id");
            rows.addAll(values(connection, "SELECT format('%s %s %s', id, name, email) FROM \"User\" ORDER BY id"));
            rows.addAll(values(connection, "SELECT format('%s %s', id, label) FROM \"Tag\" ORDER BY id"));
            rows.addAll(values(connection, "SELECT \"A\" || ' ' || \"B\" FROM \"_PostToTag\" ORDER BY 1"));
            return rows;
        }
    }

    /** One query in a transaction as the API runs it: the role, then the claims; rolled back. */
    private static List<String> asRole(String role, String claims, String sql) throws SQLException {
        try (Connection connection = TestServer.connect(database())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT set_config('role', '" + role + "', true), set_config('request.jwt.claims', '"
                        + claims + "', true)");
                return values(connection, sql);
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<String> values(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
