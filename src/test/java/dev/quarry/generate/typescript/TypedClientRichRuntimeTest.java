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
 * The client of the schema with every type and relation shape in Node.js against the running service: Decimal,
 * BigInt, Bytes, Json, enums and lists both ways, compound keys, self- and many-to-many relations.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schemas/openapi-rich.prisma"),
            @ResourceArg(name = "purpose", value = "TypedClientRichRuntimeTest")
        })
class TypedClientRichRuntimeTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyValueTypeAgainstTheServer() throws Exception {
        var project = TypedClientProject.compiled();
        assertEquals(0, TypedClientProject.tscExit(), "tsc");
        assertEquals(
                0,
                TypedClientProject.run(project, Map.of("BASE_URL", base.toString()), "node", "src/runtime-rich.js"),
                "node src/runtime-rich.js");
    }
}
