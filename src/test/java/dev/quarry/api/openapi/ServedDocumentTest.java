package dev.quarry.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * /q/openapi serves the committed document of the schema being served, followed by the hand-written
 * endpoints that annotation scanning finds (and nothing else).
 */
@QuarkusTest
@WithTestResource(FreshDatabase.class)
class ServedDocumentTest {

    @Test
    void servesTheCommittedYamlAndJson() throws Exception {
        String yaml = given().accept("application/yaml")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.writeString(Path.of("target/served-openapi.yaml"), yaml);
        ObjectMapper yamlMapper = new ObjectMapper(new YAMLFactory());
        assertEquals(
                yamlMapper.readTree(Documents.read(Documents.BLOG_YAML)),
                Documents.withoutHandWritten(yamlMapper.readTree(yaml)),
                "/q/openapi differs from openapi/openapi.yaml: run ./quarry generate");
        String json = given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(
                mapper.readTree(Documents.read(Documents.BLOG_JSON)),
                Documents.withoutHandWritten(mapper.readTree(json)));
    }

    /** Quarkus's handler looks the service up so; its own would build the document again for each request. */
    @Test
    void keepsTheDocumentOnceBuilt() {
        assertInstanceOf(
                ServedDocuments.class,
                Arc.container().instance(OpenApiDocumentService.class).get());
    }

    @Test
    void servesSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
