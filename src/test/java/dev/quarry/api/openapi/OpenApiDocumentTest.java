package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.SchemaResult;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    void blogDocumentValidatesWithoutErrorsOrWarnings() {
        String yaml = OpenApiDocument.yaml(Documents.load(Documents.BLOG_SCHEMA));
        assertEquals(List.of(), Documents.validate(yaml));
        System.out.println("blog document: " + yaml.length() + " bytes of YAML");
    }

    @Test
    void richDocumentValidatesWithoutErrorsOrWarnings() {
        String yaml = OpenApiDocument.yaml(Documents.load(Documents.RICH_SCHEMA));
        assertEquals(List.of(), Documents.validate(yaml));
        System.out.println("rich document: " + yaml.length() + " bytes of YAML");
    }

    /** Every limit and refusal the server answers is described with its code, so a client author can find it. */
    @Test
    void errorResponsesNameEveryLimitCodeTheTokenRoleRefusalAndTheSchemaBehindAnswer() {
        Map<String, org.eclipse.microprofile.openapi.models.responses.APIResponse> responses =
                OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA)).getComponents().getResponses();
        String badRequest = responses.get("BadRequest").getDescription();
        for (String code : List.of("Q106", "Q107", "Q120", "Q130", "Q131", "Q132", "Q133", "Q134", "Q105", "meta.path")) {
            assertTrue(badRequest.contains(code), "400 describes " + code);
        }
        assertTrue(responses.get("Unauthorized").getDescription().contains("token-role"));
        assertTrue(responses.get("ServiceUnavailable").getDescription().contains("schema-behind"));
    }

    @Test
    void blogDocumentHasTheComponentsAndRoutesOfBothSurfaces() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA));
        Map<String, org.eclipse.microprofile.openapi.models.media.Schema> schemas = document.getComponents().getSchemas();
        for (String name : List.of("User", "Post", "UserWhereInput", "UserWhereUniqueInput", "UserOrderByInput", "UserSelect",
                "UserInclude", "UserOmit", "UserCreateInput", "UserUpdateInput", "PostCreateNestedManyInput",
                "UserCreateNestedOneInput", "PostUpdateManyNestedInput", "UserAggregateArgs", "UserAggregateResult",
                "UserGroupByArgs", "UserGroupByResult", "Problem")) {
            assertTrue(schemas.containsKey(name), "component " + name);
        }
        assertEquals(List.of("id", "email", "name", "active", "createdAt", "updatedAt"), schemas.get("User").getRequired(),
                "scalars are required, relations (posts) are not");
        assertEquals(List.of("email"), schemas.get("UserCreateInput").getRequired(), "defaulted, @updatedAt and relation fields are optional");

        Map<String, PathItem> paths = document.getPaths().getPathItems();
        for (String path : List.of("/api/users", "/api/users/bulk", "/api/users/{id}", "/api/users/_count", "/api/users/_aggregate",
                "/api/users/_groupBy", "/api/rpc/user/findMany", "/api/rpc/post/groupBy", "/api/rpc/$transaction")) {
            assertTrue(paths.containsKey(path), "path " + path);
        }
        Operation list = paths.get("/api/users").getGET();
        assertEquals("users.list", list.getOperationId());
        var filter = list.getParameters().stream().filter(p -> p.getName().equals("filter")).findFirst().orElseThrow();
        assertEquals("#/components/schemas/UserWhereInput", filter.getContent().getMediaType("application/json").getSchema().getRef());
        assertEquals("#/components/responses/Conflict",
                paths.get("/api/rpc/user/create").getPOST().getResponses().getAPIResponse("409").getRef());
        assertNotNull(document.getComponents().getResponses().get("NotFound").getContent().getMediaType("application/problem+json"));
    }

    /** A bearer JWT or none (the anonymous role), and every operation may be refused for its token or by the database. */
    @Test
    void bearerAuthenticationIsDescribed() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA));
        var scheme = document.getComponents().getSecuritySchemes().get("bearerAuth");
        assertEquals(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP, scheme.getType());
        assertEquals("bearer", scheme.getScheme());
        assertEquals("JWT", scheme.getBearerFormat());
        assertEquals(2, document.getSecurity().size());
        assertEquals(Map.of("bearerAuth", List.of()), document.getSecurity().get(0).getSchemes());
        assertTrue(document.getSecurity().get(1).getSchemes() == null || document.getSecurity().get(1).getSchemes().isEmpty(), "anonymous: {}");
        assertNotNull(document.getComponents().getResponses().get("Unauthorized").getHeaders().get("WWW-Authenticate"));
        int operations = 0;
        for (var item : document.getPaths().getPathItems().entrySet()) {
            for (Operation op : item.getValue().getOperations().values()) {
                operations++;
                assertEquals("#/components/responses/Unauthorized", op.getResponses().getAPIResponse("401").getRef(), op.getOperationId());
                assertEquals("#/components/responses/Forbidden", op.getResponses().getAPIResponse("403").getRef(), op.getOperationId());
            }
        }
        assertTrue(operations > 40, "operations: " + operations);
    }

    @Test
    void operationIdsAreUnique() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.RICH_SCHEMA));
        Set<String> seen = new HashSet<>();
        document.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(op -> assertTrue(seen.add(op.getOperationId()), "duplicate " + op.getOperationId())));
    }

    @Test
    void viewsAreReadOnlyAndCompoundIdsHaveOnePathSegment() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.RICH_SCHEMA));
        Map<String, PathItem> paths = document.getPaths().getPathItems();
        PathItem view = paths.get("/api/documentCounts");
        assertNotNull(view.getGET());
        assertNull(view.getPOST());
        assertNull(view.getDELETE());
        assertFalse(paths.containsKey("/api/rpc/documentCount/create"));
        assertTrue(paths.containsKey("/api/rpc/documentCount/findUnique"), "the view has a @unique");

        PathItem membership = paths.get("/api/memberships/{teamSlug},{accountId}");
        assertNotNull(membership, "compound @@id path");
        assertEquals(List.of("teamSlug", "accountId"), membership.getGET().getParameters().stream()
                .filter(p -> p.getIn().toString().equals("path")).map(p -> p.getName()).toList());
        assertTrue(document.getComponents().getSchemas().containsKey("MembershipTeamSlugAccountIdCompoundUniqueInput"));
    }

    @Test
    void richScalarTypesHaveTheirJsonForms() {
        var schemas = OpenApiDocument.of(Documents.load(Documents.RICH_SCHEMA)).getComponents().getSchemas();
        var account = schemas.get("Account").getProperties();
        assertEquals(Values.BIGINT_PATTERN, account.get("views").getPattern());
        assertEquals(Values.DECIMAL_PATTERN, account.get("balance").getPattern());
        assertEquals("base64", account.get("avatar").getContentEncoding());
        assertEquals("date-time", account.get("createdAt").getFormat());
        assertEquals("Unique, compared case-sensitively.", account.get("email").getDescription(), "/// comments are descriptions");
        assertEquals(List.of("MEMBER", "ADMIN"), schemas.get("Role").getEnumeration(), "enum values by their schema names");
    }

    /** The largest PostgreSQL schemas of the corpus that Quarry's parser accepts. */
    @Test
    void largestCorpusSchemasValidate() throws IOException {
        var corpus = Documents.corpus();
        Tools.require(corpus.isPresent(), () -> "no shared/corpus/prisma-schemas above the working directory");
        List<Path> postgres;
        try (Stream<Path> files = Files.list(corpus.get())) {
            postgres = files.filter(f -> f.toString().endsWith(".prisma") && Files.isRegularFile(f))
                    .filter(f -> Documents.read(f).contains("\"postgresql\""))
                    .sorted(Comparator.comparingLong((Path f) -> f.toFile().length()).reversed())
                    .toList();
        }
        List<String> checked = new ArrayList<>();
        for (Path file : postgres) {
            if (checked.size() == 3) {
                break;
            }
            SchemaResult result = SchemaSource.load(file.toString());
            if (result.hasErrors()) {
                System.out.println("corpus: skipped " + file.getFileName() + " (" + result.errors().size() + " schema error(s))");
                continue;
            }
            // JSON: swagger-parser reads YAML through SnakeYAML, which refuses documents above 3 MB
            String json = OpenApiDocument.json(result.schema().orElseThrow());
            assertEquals(List.of(), Documents.validate(json), file.getFileName().toString());
            checked.add(file.getFileName() + ": " + result.schema().get().models().size() + " models, " + json.length() + " bytes of JSON, "
                    + OpenApiDocument.yaml(result.schema().get()).length() + " bytes of YAML");
        }
        checked.forEach(line -> System.out.println("corpus document: " + line));
        assertEquals(3, checked.size(), "three large corpus schemas checked");
    }
}
