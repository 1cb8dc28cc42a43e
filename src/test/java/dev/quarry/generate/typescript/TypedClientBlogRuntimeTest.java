package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The blog's generated client in Node.js against the running service: every operation, values, errors,
 * $transaction, ETag.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = @ResourceArg(name = "purpose", value = "TypedClientBlogRuntimeTest"))
class TypedClientBlogRuntimeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationAgainstTheServer() throws Exception {
        var project = TypedClientProject.compiled();
        assertEquals(0, TypedClientProject.tscExit(), "tsc");
        assertEquals(
                0,
                TypedClientProject.run(project, Map.of("BASE_URL", base.toString()), "node", "src/runtime-blog.js"),
                "node src/runtime-blog.js");
    }
}
