package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15, item 5: the hand-written {@code /api/reports/top-authors} (Hibernate Reactive, through
 * {@link RequestSessions}) runs under the request's role and claims, so the policies bind it as they bind the API.
 * The blog's policies, with users private: a user reads only their own row, an admin every row, anonymous none.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "hand-written-endpoint-role")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
class HandWrittenEndpointRoleTest {

    @BeforeAll
    void database() {
        DatabaseUrl database = FreshDatabase.current();
        BlogDatabase.seedWithHandWrittenPolicies(database);
        TestServer.execute(
                database,
                "DROP POLICY user_read ON \"User\";"
                        + " CREATE POLICY user_read_self ON \"User\" FOR SELECT USING (id = "
                        + "current_setting('request.jwt.claims', true)::jsonb ->> 'id');");
    }

    @Test
    void anonymousSeesNoUser() {
        given().get("/api/reports/top-authors").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/users").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aUserSeesOnlyThemselves() {
        given().auth()
                .oauth2(TestKeys.user("u_bob"))
                .get("/api/reports/top-authors")
                .then()
                .statusCode(200)
                .body("email", contains("bob@example.com"))
                .body("[0].publishedPosts", equalTo(1))
                .body(not(containsString("alice@example.com")));
    }

    @Test
    void anAdminSeesEveryone() {
        given().auth()
                .oauth2(TestKeys.admin())
                .get("/api/reports/top-authors")
                .then()
                .statusCode(200)
                .body("email", contains("alice@example.com", "bob@example.com", "carol@example.com"));
    }

    @Test
    void theRequestsClaimsReachThePolicies() {
        given().auth()
                .oauth2(TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_user", "id", "u_carol"))))
                .get("/api/reports/top-authors")
                .then()
                .statusCode(200)
                .body("email", contains("carol@example.com"))
                .body("[0].publishedPosts", equalTo(0));
    }

    @Test
    void aRoleTheLoginWasNotGrantedIsRefusedAsForTheApi() {
        given().auth()
                .oauth2(TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_rb_hr_nosuch"))))
                .get("/api/reports/top-authors")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-invalid"));
    }
}
