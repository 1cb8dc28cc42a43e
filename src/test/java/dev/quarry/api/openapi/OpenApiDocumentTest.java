package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.quarry.query.plan.Limits;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.SchemaResult;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
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

    /**
     * The rules the planners enforce beyond types, as the document's own JSON Schema validator reads them: a unique
     * input names a unique key, select goes with neither include nor omit, a groupBy sort key is one key, a create
     * gives its required relation or its key (never both, neither inside the related record), a select or aggregate
     * chooses something.
     */
    @Test
    void theDocumentRefusesWhatTheServerRefusesBeyondTypes() throws IOException {
        DocumentedAnswers document = new DocumentedAnswers(
                new ObjectMapper().readTree(OpenApiDocument.json(Documents.load(Documents.BLOG_SCHEMA))));
        Map<String, Boolean> cases = new LinkedHashMap<>();
        cases.put("UserFindUniqueArgs {\"where\":{\"id\":\"u1\"}}", true);
        cases.put("UserFindUniqueArgs {\"where\":{\"email\":\"a@x.io\",\"name\":{\"equals\":\"Ada\"}}}", true);
        cases.put("UserFindUniqueArgs {\"where\":{\"name\":{\"equals\":\"Ada\"}}}", false);
        cases.put(
                "UserFindUniqueArgs "
                        + "{\"where\":{\"id\":\"u1\"},\"select\":{\"id\":true},\"include\":{\"posts\":true}}",
                false);
        cases.put(
                "UserFindUniqueArgs " + "{\"where\":{\"id\":\"u1\"},\"select\":{\"id\":true},\"omit\":{\"name\":true}}",
                false);
        cases.put(
                "UserFindUniqueArgs "
                        + "{\"where\":{\"id\":\"u1\"},\"include\":{\"posts\":true},\"omit\":{\"name\":true}}",
                true);
        cases.put(
                "UserFindManyArgs " + "{\"include\":{\"posts\":{\"select\":{\"id\":true},\"omit\":{\"id\":true}}}}",
                false);
        cases.put("PostGroupByArgs {\"by\":[\"title\"],\"orderBy\":[{\"title\":\"asc\",\"body\":\"asc\"}]}", false);
        // a Post's author is required: as the relation or as authorId, never both; inside a user's posts, neither
        cases.put("PostCreateInput {\"title\":\"t\",\"body\":\"b\"}", false);
        cases.put("PostCreateInput {\"title\":\"t\",\"body\":\"b\",\"authorId\":\"u1\"}", true);
        cases.put("PostCreateInput {\"title\":\"t\",\"body\":\"b\",\"author\":{\"connect\":{\"id\":\"u1\"}}}", true);
        cases.put(
                "PostCreateInput "
                        + "{\"title\":\"t\",\"body\":\"b\",\"authorId\":\"u1\","
                        + "\"author\":{\"connect\":{\"id\":\"u1\"}}}",
                false);
        cases.put(
                "UserCreateInput " + "{\"email\":\"a@x.io\",\"posts\":{\"create\":[{\"title\":\"t\",\"body\":\"b\"}]}}",
                true);
        cases.put(
                "UserCreateInput "
                        + "{\"email\":\"a@x.io\",\"posts\":{\"create\":[{\"title\":\"t\",\"body\":\"b\","
                        + "\"authorId\":\"u1\"}]}}",
                false);
        cases.put(
                "UserCreateInput "
                        + "{\"email\":\"a@x.io\",\"posts\":{\"createMany\":{\"data\":[{\"title\":\"t\","
                        + "\"body\":\"b\","
                        + "\"authorId\":\"u1\"}]}}}",
                false);
        // a select chooses something; an atomic number update is one operation
        cases.put("UserFindManyArgs {\"select\":{}}", false);
        cases.put("UserFindManyArgs {\"select\":{\"id\":false}}", false);
        cases.put("UserFindManyArgs {\"select\":{\"id\":false,\"posts\":{\"take\":1}}}", true);
        cases.put("UserFindManyArgs {\"select\":{\"_count\":{\"select\":{\"posts\":false}}}}", false);
        cases.put("UserGroupByArgs {\"by\":[\"name\"],\"_max\":{\"id\":false,\"name\":false}}", false);
        cases.put("UserGroupByArgs {\"by\":[\"name\"],\"_max\":{\"id\":true}}", true);
        // a post's author (its key is on the post's side): one link, and not none
        cases.put("PostCreateInput {\"title\":\"t\",\"body\":\"b\",\"author\":{}}", false);
        cases.put(
                "PostCreateInput "
                        + "{\"title\":\"t\",\"body\":\"b\",\"author\":{\"connect\":{\"id\":\"u1\"},"
                        + "\"create\":{\"email\":\"a@x.io\"}}}",
                false);
        cases.forEach((call, valid) -> {
            String component = call.substring(0, call.indexOf(' '));
            String body = call.substring(call.indexOf(' ') + 1);
            JsonNode schema = JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + component);
            assertEquals(
                    valid,
                    document.validate(component, schema, body).isEmpty(),
                    call + " " + document.validate(component, schema, body));
        });
    }

    /** Every limit and refusal the server answers is described with its code, so a client author can find it. */
    @Test
    void errorResponsesNameEveryLimitCodeTheTokenRoleRefusalAndTheSchemaBehindAnswer() {
        Map<String, APIResponse> responses = OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA))
                .getComponents()
                .getResponses();
        String badRequest = responses.get("BadRequest").getDescription();
        for (String code :
                List.of("Q106", "Q107", "Q120", "Q130", "Q131", "Q132", "Q133", "Q134", "Q105", "meta.path")) {
            assertTrue(badRequest.contains(code), "400 describes " + code);
        }
        assertTrue(responses.get("Unauthorized").getDescription().contains("token-role"));
        assertTrue(responses.get("ServiceUnavailable").getDescription().contains("schema-behind"));
    }

    @Test
    void blogDocumentHasTheComponentsAndRoutesOfBothSurfaces() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA));
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        for (String name : List.of(
                "User",
                "Post",
                "UserWhereInput",
                "UserWhereUniqueInput",
                "UserOrderByInput",
                "UserSelect",
                "UserInclude",
                "UserOmit",
                "UserCreateInput",
                "UserUpdateInput",
                "PostCreateNestedManyWithoutAuthorInput",
                "PostCreateWithoutAuthorInput",
                "UserCreateNestedOneInput",
                "PostUpdateManyWithoutAuthorNestedInput",
                "UserAggregateArgs",
                "UserAggregateResult",
                "UserGroupByArgs",
                "UserGroupByResult",
                "Problem")) {
            assertTrue(schemas.containsKey(name), "component " + name);
        }
        assertTrue(
                schemas.get("User").getRequired() == null
                        || schemas.get("User").getRequired().isEmpty(),
                "a record is partial: select and omit can leave out any field");
        assertEquals(
                List.of("email"),
                schemas.get("UserCreateInput").getRequired(),
                "defaulted, @updatedAt and relation fields are optional");

        Map<String, PathItem> paths = document.getPaths().getPathItems();
        for (String path : List.of(
                "/api/users",
                "/api/users/bulk",
                "/api/users/{id}",
                "/api/users/_count",
                "/api/users/_aggregate",
                "/api/users/_groupBy",
                "/api/rpc/user/findMany",
                "/api/rpc/post/groupBy",
                "/api/rpc/$transaction")) {
            assertTrue(paths.containsKey(path), "path " + path);
        }
        Operation list = paths.get("/api/users").getGET();
        assertEquals("users.list", list.getOperationId());
        var filter = list.getParameters().stream()
                .filter(p -> p.getName().equals("filter"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "#/components/schemas/UserWhereInput",
                filter.getContent().getMediaType("application/json").getSchema().getRef());
        assertEquals(
                "#/components/responses/Conflict",
                paths.get("/api/rpc/user/create")
                        .getPOST()
                        .getResponses()
                        .getAPIResponse("409")
                        .getRef());
        assertNotNull(document.getComponents()
                .getResponses()
                .get("NotFound")
                .getContent()
                .getMediaType("application/problem+json"));
    }

    /**
     * A bearer JWT or none (the anonymous role), and every operation may be refused for its token or by the
     * database.
     */
    @Test
    void bearerAuthenticationIsDescribed() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.BLOG_SCHEMA));
        var scheme = document.getComponents().getSecuritySchemes().get("bearerAuth");
        assertEquals(SecurityScheme.Type.HTTP, scheme.getType());
        assertEquals("bearer", scheme.getScheme());
        assertEquals("JWT", scheme.getBearerFormat());
        assertEquals(2, document.getSecurity().size());
        assertEquals(
                Map.of("bearerAuth", List.of()), document.getSecurity().get(0).getSchemes());
        assertTrue(
                document.getSecurity().get(1).getSchemes() == null
                        || document.getSecurity().get(1).getSchemes().isEmpty(),
                "anonymous: {}");
        assertNotNull(document.getComponents()
                .getResponses()
                .get("Unauthorized")
                .getHeaders()
                .get("WWW-Authenticate"));
        int operations = 0;
        for (var item : document.getPaths().getPathItems().entrySet()) {
            for (Operation op : item.getValue().getOperations().values()) {
                operations++;
                assertEquals(
                        "#/components/responses/Unauthorized",
                        op.getResponses().getAPIResponse("401").getRef(),
                        op.getOperationId());
                assertEquals(
                        "#/components/responses/Forbidden",
                        op.getResponses().getAPIResponse("403").getRef(),
                        op.getOperationId());
            }
        }
        assertTrue(operations > 40, "operations: " + operations);
    }

    /**
     * Issue 23: what the server does beyond the types (headers, statuses, limits), and inputs as strict as the
     * server.
     */
    @Test
    void theDocumentSaysWhatTheServerDoes() {
        OpenAPI document = OpenApiDocument.of(
                Documents.load(Documents.BLOG_SCHEMA), new Limits(50, 8, 200, 700, 10_000, 1000, 1 << 20));
        assertEquals("/", document.getServers().get(0).getUrl());
        Map<String, PathItem> paths = document.getPaths().getPathItems();
        var schemas = document.getComponents().getSchemas();

        Operation query = paths.get("/api/users/_query").getPOST();
        assertEquals("users.query", query.getOperationId());
        assertEquals(
                "#/components/schemas/UserListQuery",
                query.getRequestBody()
                        .getContent()
                        .getMediaType("application/json")
                        .getSchema()
                        .getRef());
        var listQuery = schemas.get("UserListQuery");
        assertEquals(Boolean.FALSE, listQuery.getAdditionalPropertiesBoolean());
        assertTrue(
                listQuery
                        .getProperties()
                        .keySet()
                        .containsAll(List.of(
                                "filter",
                                "orderBy",
                                "cursor",
                                "take",
                                "skip",
                                "distinct",
                                "select",
                                "include",
                                "omit",
                                "count")),
                listQuery.getProperties().keySet().toString());
        assertEquals(
                -50,
                listQuery.getProperties().get("take").getMinimum().intValue(),
                "take bounded by the configured max-take");
        assertEquals(50, listQuery.getProperties().get("take").getMaximum().intValue());
        assertEquals(
                700,
                schemas.get("UserFindManyArgs")
                        .getProperties()
                        .get("skip")
                        .getMaximum()
                        .intValue());

        assertNotNull(paths.get("/api/users/{id}")
                .getGET()
                .getResponses()
                .getAPIResponse("200")
                .getHeaders()
                .get("ETag"));
        assertNotNull(
                paths.get("/api/users")
                        .getPOST()
                        .getResponses()
                        .getAPIResponse("201")
                        .getHeaders()
                        .get("ETag"),
                "a create answers its ETag");
        for (Operation write : List.of(
                paths.get("/api/users/{id}").getPATCH(),
                paths.get("/api/users/{id}").getPUT(),
                paths.get("/api/users/{id}").getDELETE())) {
            assertTrue(
                    write.getParameters().stream().anyMatch(p -> p.getName().equals("If-Match")),
                    write.getOperationId());
            assertEquals(
                    "#/components/responses/PreconditionFailed",
                    write.getResponses().getAPIResponse("412").getRef());
            assertNotNull(write.getResponses().getAPIResponse("404"), write.getOperationId());
        }
        for (var item : paths.values()) {
            for (Operation op : item.getOperations().values()) {
                assertNotNull(op.getResponses().getAPIResponse("414"), op.getOperationId());
                boolean body = op.getRequestBody() != null;
                assertEquals(body, op.getResponses().getAPIResponse("413") != null, op.getOperationId());
                assertEquals(body, op.getResponses().getAPIResponse("415") != null, op.getOperationId());
            }
        }

        for (String input : List.of(
                "UserWhereInput",
                "UserCreateInput",
                "UserUpdateArgs",
                "StringFilter",
                "UserSelect",
                "TransactionOptions")) {
            assertEquals(Boolean.FALSE, schemas.get(input).getAdditionalPropertiesBoolean(), input);
        }
        assertNull(schemas.get("User").getAdditionalPropertiesBoolean(), "answers stay open");
        var step = schemas.get("TransactionOperation").getOneOf();
        assertEquals(
                RpcRoutes.operationsOf(ApiModel.of(Documents.load(Documents.BLOG_SCHEMA))
                                        .get(0))
                                .size()
                        * 2,
                step.size(),
                "one per delegate and call");
        var findMany = schemas.get("UserFindManyOperation").getProperties();
        assertEquals(List.of("user"), findMany.get("delegate").getEnumeration());
        assertEquals(List.of("findMany"), findMany.get("operation").getEnumeration());
        assertEquals(
                "#/components/schemas/UserFindManyArgs", findMany.get("args").getRef());
        var aggregateCount =
                schemas.get("UserAggregateResult").getProperties().get("_count").getOneOf();
        assertEquals(2, aggregateCount.size(), "_count: true answers a number, an object per-field counts");
        assertEquals(
                "#/components/schemas/TransactionOperation",
                document.getPaths()
                        .getPathItem("/api/rpc/$transaction")
                        .getPOST()
                        .getRequestBody()
                        .getContent()
                        .getMediaType("application/json")
                        .getSchema()
                        .getItems()
                        .getRef(),
                "the array form");
        assertEquals(
                "#/components/schemas/TransactionOperations",
                schemas.get("TransactionOptions")
                        .getProperties()
                        .get("operations")
                        .getRef());
    }

    /** The checker the API tests run every answer through finds what differs from the document. */
    @Test
    void answersAreCheckedAgainstTheDocument() throws Exception {
        var answers = new DocumentedAnswers(
                new ObjectMapper().readTree(OpenApiDocument.json(Documents.load(Documents.BLOG_SCHEMA))));
        String json = "application/json";
        assertEquals(
                Optional.empty(),
                answers.check(
                        "GET",
                        "/api/users",
                        200,
                        json,
                        "[{\"id\":\"u1\"},{\"email\":\"a@b.c\",\"_count\":{\"posts\":2}}]"));
        assertTrue(answers.check("GET", "/api/users", 200, json, "[{\"id\":5}]").isPresent(), "an id is a string");
        assertTrue(answers.check("GET", "/api/users/u1", 200, json, "[]").isPresent(), "one record, not a list");
        assertEquals(Optional.empty(), answers.check("POST", "/api/rpc/user/count", 200, json, "2"));
        assertEquals(Optional.empty(), answers.check("POST", "/api/rpc/user/aggregate", 200, json, "{\"_count\":2}"));
        assertEquals(Optional.empty(), answers.check("GET", "/api/users/u1", 200, json, "{}", List.of("ETag")));
        assertTrue(
                answers.check("GET", "/api/users", 200, json, "[]", List.of("ETag"))
                        .isPresent(),
                "a list has no ETag");
        assertTrue(
                answers.check("GET", "/api/users", 412, "application/problem+json", "{}")
                        .isPresent(),
                "412 is not an answer of a list");
        assertEquals(
                Optional.empty(),
                answers.check(
                        "PATCH",
                        "/api/users/u1",
                        412,
                        "application/problem+json",
                        "{\"type\":\"t\",\"title\":\"Precondition " + "Failed\",\"status\":412,\"code\":\"Q412\"}"));
        assertTrue(
                answers.check("POST", "/api/rpc/user/explode", 404, "application/problem+json", "{\"title\":\"x\"}")
                        .isPresent(),
                "a problem has its required members");
        assertTrue(
                answers.check("POST", "/api/rpc/user/explode", 200, json, "{}").isPresent(),
                "an unknown operation answers a 4xx");
    }

    @Test
    void operationIdsAreUnique() {
        OpenAPI document = OpenApiDocument.of(Documents.load(Documents.RICH_SCHEMA));
        Set<String> seen = new HashSet<>();
        document.getPaths()
                .getPathItems()
                .values()
                .forEach(item -> item.getOperations()
                        .values()
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
        assertEquals(
                List.of("teamSlug", "accountId"),
                membership.getGET().getParameters().stream()
                        .filter(p -> p.getIn().toString().equals("path"))
                        .map(p -> p.getName())
                        .toList());
        assertTrue(document.getComponents().getSchemas().containsKey("MembershipTeamSlugAccountIdCompoundUniqueInput"));
    }

    @Test
    void richScalarTypesHaveTheirJsonForms() {
        var schemas = OpenApiDocument.of(Documents.load(Documents.RICH_SCHEMA))
                .getComponents()
                .getSchemas();
        var account = schemas.get("Account").getProperties();
        assertEquals(Values.BIGINT_PATTERN, account.get("views").getPattern());
        assertEquals(Values.DECIMAL_PATTERN, account.get("balance").getPattern());
        assertEquals("base64", account.get("avatar").getContentEncoding());
        assertEquals("date-time", account.get("createdAt").getFormat());
        assertEquals(
                "Unique, compared case-sensitively.",
                account.get("email").getDescription(),
                "/// comments are descriptions");
        assertEquals(
                List.of("MEMBER", "ADMIN"), schemas.get("Role").getEnumeration(), "enum values by their schema names");
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
                    .sorted(Comparator.comparingLong((Path f) -> f.toFile().length())
                            .reversed())
                    .toList();
        }
        List<String> checked = new ArrayList<>();
        for (Path file : postgres) {
            if (checked.size() == 3) {
                break;
            }
            SchemaResult result = SchemaSource.load(file.toString());
            if (result.hasErrors()) {
                System.out.println("corpus: skipped " + file.getFileName() + " ("
                        + result.errors().size() + " schema error(s))");
                continue;
            }
            // JSON: swagger-parser reads YAML through SnakeYAML, which refuses documents above 3 MB
            String json = OpenApiDocument.json(result.schema().orElseThrow());
            assertEquals(List.of(), Documents.validate(json), file.getFileName().toString());
            checked.add(file.getFileName() + ": "
                    + result.schema().get().models().size() + " models, " + json.length() + " bytes of JSON, "
                    + OpenApiDocument.yaml(result.schema().get()).length() + " bytes of YAML");
        }
        checked.forEach(line -> System.out.println("corpus document: " + line));
        assertEquals(3, checked.size(), "three large corpus schemas checked");
    }
}
