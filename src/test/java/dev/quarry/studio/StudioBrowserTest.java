package dev.quarry.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The Studio in Debian's headless chromium (playwright-core), on the example blog with 10,000 posts: open, filter
 * and sort a paged grid, follow relations, create with a validation error then fix it, a stale edit's conflict,
 * delete with confirmation, the diagram clicked through, labels and keyboard focus (src/test/studio/studio.mjs).
 * Screenshots are kept in target/studio-screenshots.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "sql", value = "studio/blog-10000.sql"),
            @ResourceArg(name = "purpose", value = "StudioBrowserTest")
        })
@WithTestResource(StudioOn.class)
class StudioBrowserTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void aPersonBrowsesFiltersEditsAndFollowsTheDiagram() throws Exception {
        Path chromium = Tools.requireProgram("chromium", "chromium");
        NodeProject node = NodeProject.prepare(Path.of("src/test/studio"));
        NodeProject.Result run = node.run(
                Map.of(
                        "BASE_URL", server.toString(),
                        "CHROMIUM", chromium.toString(),
                        "SCREENSHOTS",
                                Path.of("target/studio-screenshots")
                                        .toAbsolutePath()
                                        .toString()),
                240,
                "node",
                "studio.mjs");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("all steps passed"), run.output());
    }
}
