package dev.quarry.runtime;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.migrate.MigrationsFolder;
import dev.quarry.migrate.Migrator;
import dev.quarry.migrate.Prompt;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The service on a database nobody ran {@code migrate deploy} against (no tables at all): readiness is DOWN and
 * names the pending migration, every API request is a 503 {@code schema-behind} with {@code Retry-After} (not the
 * 500 of a missing relation), liveness stays UP; once the migrations are deployed the service becomes ready by
 * itself.
 */
@QuarkusTest
@TestProfile(SchemaBehindApiTest.RequireMigrations.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "ddl", value = "false"),
            @ResourceArg(name = "purpose", value = "SchemaBehindApiTest")
        })
class SchemaBehindApiTest {

    private static final String INIT = "V20261123205632__init.sql";

    public static final class RequireMigrations implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarry.migrations.require-applied", "true");
        }
    }

    @Test
    void aDatabaseBehindItsMigrationsIsNotReadyAndAnswers503UntilDeployed() throws Exception {
        Response ready = await(r -> r.statusCode() == 503);
        ready.then()
                .body("checks.find { it.name == 'migrations' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'migrations' }.data.pending", containsString(INIT));

        for (String[] request :
                new String[][] {{"GET", "/api/users"}, {"POST", "/api/rpc/user/findMany"}, {"POST", "/api/posts"}}) {
            Response answer = given().contentType("application/json")
                    .body(request[0].equals("POST") ? "{}" : "")
                    .request(request[0], request[1]);
            assertEquals(503, answer.statusCode(), request[1] + ": " + answer.asString());
            assertEquals("schema-behind", answer.jsonPath().getString("code"), answer.asString());
            assertEquals("2", answer.header("Retry-After"));
            assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        }
        given().get("/q/health/live").then().statusCode(200);

        StringWriter out = new StringWriter();
        new Migrator(
                        FreshDatabase.current(),
                        new MigrationsFolder(MigrationsFolder.PROJECT_DEFAULT),
                        Optional.empty(),
                        new PrintWriter(out),
                        Prompt.nobody())
                .deploy();
        long start = System.nanoTime();
        await(r -> r.statusCode() == 200).then().body("status", equalTo("UP"));
        System.out.printf(
                "SCHEMA BEHIND: ready again %d ms after migrate deploy (%s)%n",
                (System.nanoTime() - start) / 1_000_000, out.toString().strip());
        given().get("/api/users").then().statusCode(200).body("size()", equalTo(0));
    }

    private static Response await(Predicate<Response> done) throws InterruptedException {
        Response last = null;
        for (int i = 0; i < 300; i++) {
            last = given().get("/q/health/ready");
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never turned as expected; last: " + last.asString());
    }
}
