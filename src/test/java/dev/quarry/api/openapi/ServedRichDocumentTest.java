package dev.quarry.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The document follows the schema chosen at run time (quarry.schema.path), not the one packaged. */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = @ResourceArg(name = "schema", value = "schemas/openapi-rich.prisma"))
class ServedRichDocumentTest {

    @Test
    void servesTheDocumentOfTheConfiguredSchema() throws Exception {
        String yaml = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ObjectMapper yamlMapper = new ObjectMapper(new YAMLFactory());
        assertEquals(
                yamlMapper.readTree(Documents.read(Documents.RICH_YAML)),
                Documents.withoutHandWritten(yamlMapper.readTree(yaml)));
    }
}
