package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code quarry.auth.roles=quarry_anon,quarry_user}: only the listed roles are served; a token naming any other
 * role, even one the login may take and that exists (quarry_admin), is a 401 {@code token-role} and changes
 * nothing.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "role-allow-list")
        })
@WithTestResource(
        value = JwtMode.class,
        initArgs = {
            @ResourceArg(name = "anonymous-role", value = "quarry_anon"),
            @ResourceArg(name = "roles", value = "quarry_anon,quarry_user")
        })
class RoleAllowListTest {

    @BeforeAll
    void prepareDatabase() {
        BlogDatabase.seedWithHandWrittenPolicies(FreshDatabase.current());
    }

    @Test
    void theListedRolesAreServed() {
        given().auth()
                .oauth2(TestKeys.user("u_alice"))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        given().get("/api/posts").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void anyOtherRoleIsRefused() {
        String before = BlogDatabase.checksum(FreshDatabase.current());
        given().auth()
                .oauth2(TestKeys.admin())
                .get("/api/posts")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-role"))
                .body("detail", containsString("quarry.auth.roles"))
                .body(not(containsString("secret")));
        given().auth()
                .oauth2(TestKeys.admin())
                .delete("/api/posts/p_bob_draft")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-role"));
        given().auth()
                .oauth2(TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_nobody"))))
                .get("/api/posts")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-role"));
        assertEquals(before, BlogDatabase.checksum(FreshDatabase.current()));
    }
}
