package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.model.Schema;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The document of a schema with soft-delete models: the field, the withDeleted parameter of reads, the meaning of
 * delete; valid OpenAPI.
 */
class SoftDeleteDocumentTest {

    private static final Schema SCHEMA = Documents.load(Path.of("src/test/resources/schema/soft-delete/api.prisma"));

    private static boolean hasWithDeleted(Operation op) {
        return op.getParameters() != null
                && op.getParameters().stream().map(Parameter::getName).anyMatch("withDeleted"::equals);
    }

    @Test
    void describesTheFieldTheParameterAndTheDelete() {
        OpenAPI doc = OpenApiDocument.of(SCHEMA);
        assertTrue(hasWithDeleted(doc.getPaths().getPathItem("/api/users").getGET()));
        assertTrue(hasWithDeleted(doc.getPaths().getPathItem("/api/users/{id}").getGET()));
        assertTrue(
                hasWithDeleted(doc.getPaths().getPathItem("/api/posts/_count").getGET()));
        assertFalse(hasWithDeleted(doc.getPaths().getPathItem("/api/users").getPOST()));
        assertTrue(doc.getPaths()
                .getPathItem("/api/users/{id}")
                .getDELETE()
                .getDescription()
                .startsWith("Soft delete: sets deletedAt"));
        assertTrue(doc.getPaths()
                .getPathItem("/api/rpc/profile/deleteMany")
                .getPOST()
                .getDescription()
                .startsWith("Soft delete: sets removedAt"));
        assertTrue(doc.getPaths()
                .getPathItem("/api/rpc/user/findMany")
                .getPOST()
                .getDescription()
                .contains("\"withDeleted\": true"));
        assertTrue(doc.getComponents()
                .getSchemas()
                .get("User")
                .getProperties()
                .get("deletedAt")
                .getDescription()
                .contains("Soft delete (@deletedAt): null while the record is live"));
        assertTrue(doc.getComponents()
                .getSchemas()
                .get("UserListQuery")
                .getProperties()
                .containsKey("withDeleted"));
        var schemas = doc.getComponents().getSchemas();
        for (String args : List.of(
                "UserFindManyArgs", "UserFindUniqueArgs", "PostCountArgs", "PostAggregateArgs", "PostGroupByArgs")) {
            assertTrue(schemas.get(args).getProperties().containsKey("withDeleted"), args);
        }
        assertEquals(
                "#/components/schemas/UserFindManyArgs",
                doc.getPaths()
                        .getPathItem("/api/rpc/user/findMany")
                        .getPOST()
                        .getRequestBody()
                        .getContent()
                        .getMediaType("application/json")
                        .getSchema()
                        .getRef());
        assertFalse(
                schemas.get("PostRelationFindManyArgs").getProperties().containsKey("withDeleted"),
                "a relation in include does not take it");
        assertTrue(schemas.get("UserInclude")
                .getProperties()
                .get("posts")
                .getAnyOf()
                .get(1)
                .getRef()
                .endsWith("/PostRelationFindManyArgs"));
        assertEquals(
                2,
                doc.getComponents()
                        .getSchemas()
                        .get("Post")
                        .getProperties()
                        .get("author")
                        .getAnyOf()
                        .size(),
                "a required author that is soft-deleted is included as null");
        assertEquals(List.of(), Documents.validate(OpenApiDocument.yaml(SCHEMA)));
    }
}
