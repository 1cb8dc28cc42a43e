package dev.quarry.security;

import static dev.quarry.security.Callers.admin;
import static dev.quarry.security.Callers.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who reaches soft-deleted rows: the roles of {@code quarry.soft-delete.roles} (here quarry_admin) read them with
 * {@code withDeleted} and restore them; any other role is refused {@code withDeleted} (403 Q190) on every surface,
 * and finds them absent when it tries to restore one (P2025), while its deletes are soft as everyone's.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema/soft-delete/roles.prisma"),
            @ResourceArg(name = "purpose", value = "SoftDeleteRolesTest")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
@WithTestResource(SoftDeleteRolesTest.RestoreRoles.class)
class SoftDeleteRolesTest {

    /** {@code quarry.soft-delete.roles=quarry_admin}. */
    public static final class RestoreRoles implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("quarry.soft-delete.roles", "quarry_admin");
        }

        @Override
        public void stop() {}
    }

    @BeforeEach
    void seed() {
        TestServer.execute(
                FreshDatabase.current(),
                "DELETE FROM \"Note\"; INSERT INTO \"Note\" (id, text, \"deletedAt\") VALUES "
                        + "(1, 'live', NULL), (2, 'gone', '2026-01-01T00:00:00Z')");
    }

    @Test
    void otherRolesAreRefusedWithDeletedEverywhere() {
        as("u_alice")
                .body("{\"orderBy\": {\"id\": \"asc\"}}")
                .post("/api/rpc/note/findMany")
                .then()
                .statusCode(200)
                .body("id", contains(1));
        as("u_alice")
                .body("{\"withDeleted\": true}")
                .post("/api/rpc/note/findMany")
                .then()
                .statusCode(403)
                .body("code", equalTo("Q190"))
                .body("meta.parameter", equalTo("withDeleted"));
        as("u_alice").get("/api/notes?withDeleted=true").then().statusCode(403).body("code", equalTo("Q190"));
        as("u_alice")
                .get("/api/notes/2?withDeleted=true")
                .then()
                .statusCode(403)
                .body("code", equalTo("Q190"));
        as("u_alice")
                .body("{\"withDeleted\": true}")
                .post("/api/notes/_query")
                .then()
                .statusCode(403)
                .body("code", equalTo("Q190"));
        as("u_alice")
                .urlEncodingEnabled(false)
                .body("[{\"delegate\": \"note\", \"operation\": \"count\", \"args\": {\"withDeleted\": true}}]")
                .post("/api/rpc/$transaction")
                .then()
                .statusCode(403)
                .body("code", equalTo("Q190"));
        // withDeleted: false asks for nothing more
        as("u_alice")
                .body("{\"withDeleted\": false}")
                .post("/api/rpc/note/count")
                .then()
                .statusCode(200)
                .body(equalTo("1"));
    }

    @Test
    void otherRolesCannotRestoreButDeleteSoftly() throws SQLException {
        as("u_alice")
                .body("{\"where\": {\"id\": 2}, \"data\": {\"deletedAt\": null}}")
                .post("/api/rpc/note/update")
                .then()
                .statusCode(404)
                .body("code", equalTo("P2025"));
        assertEquals(1, deleted());
        as("u_alice")
                .body("{\"where\": {\"id\": 1}}")
                .post("/api/rpc/note/delete")
                .then()
                .statusCode(200)
                .body("text", equalTo("live"));
        assertEquals(2, deleted());
    }

    @Test
    void allowedRolesReadAndRestoreSoftDeletedRows() throws SQLException {
        admin().body("{\"orderBy\": {\"id\": \"asc\"}, \"withDeleted\": true}")
                .post("/api/rpc/note/findMany")
                .then()
                .statusCode(200)
                .body("id", contains(1, 2));
        admin().get("/api/notes/2?withDeleted=true").then().statusCode(200).body("text", equalTo("gone"));
        admin().body("{\"where\": {\"id\": 2}, \"data\": {\"deletedAt\": null}}")
                .post("/api/rpc/note/update")
                .then()
                .statusCode(200)
                .body("text", equalTo("gone"));
        assertEquals(0, deleted());
        as("u_alice")
                .body("{}")
                .post("/api/rpc/note/count")
                .then()
                .statusCode(200)
                .body(equalTo("2"));
    }

    private static int deleted() throws SQLException {
        try (Connection c = TestServer.connect(FreshDatabase.current());
                ResultSet r = c.createStatement()
                        .executeQuery("SELECT count(*) FROM \"Note\" WHERE \"deletedAt\" IS NOT NULL")) {
            r.next();
            return r.getInt(1);
        }
    }
}
