package dev.quarry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.studio.StudioOn;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.NodeProject;
import dev.quarry.testsupport.Tools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Studio in jwt mode over the schema's policies ({@link SchemaPoliciesTest}'s scenario): it reads through the
 * API under the token given in the page, so anonymous sees the published posts, Alice also her draft, and nobody
 * Bob's draft (src/test/studio/studio-policies.mjs in headless chromium).
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "policies/schema-with-policies.prisma"),
            @ResourceArg(name = "purpose", value = "studio-policies")
        })
@WithTestResource(value = JwtMode.class, initArgs = @ResourceArg(name = "anonymous-role", value = "quarry_anon"))
@WithTestResource(StudioOn.class)
class StudioPoliciesTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void theStudioShowsOnlyWhatTheTokensRoleMaySee() throws Exception {
        Path chromium = Tools.requireProgram("chromium", "chromium");
        BlogDatabase.seed(FreshDatabase.current());
        NodeProject node = NodeProject.prepare(Path.of("src/test/studio"));
        NodeProject.Result run = node.run(
                Map.of(
                        "BASE_URL", server.toString(),
                        "CHROMIUM", chromium.toString(),
                        "ALICE_TOKEN", TestKeys.user("u_alice"),
                        "SCREENSHOTS",
                                Path.of("target/studio-screenshots")
                                        .toAbsolutePath()
                                        .toString()),
                120,
                "node",
                "studio-policies.mjs");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("all steps passed"), run.output());
    }
}
