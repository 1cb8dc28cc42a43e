package dev.quarry.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The document follows the schema chosen at run time (quarry.schema.path), not the one packaged. */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = @ResourceArg(name = "schema", value = "schemas/openapi-rich.prisma"))
class ServedRichDocumentTest {

    @Test
    void servesTheDocumentOfTheConfiguredSchema() {
        String yaml = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(Documents.read(Documents.RICH_YAML), yaml);
    }
}
