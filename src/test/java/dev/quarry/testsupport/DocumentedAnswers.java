package dev.quarry.testsupport;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every answer a test class receives from {@code /api}, checked against the document the server serves ({@code
 * /q/openapi}): an operation for its method and path, a response for its status, and a body valid by that
 * response's schema for its media type (JSON Schema 2020-12, the dialect of OpenAPI 3.1), and the service's own
 * headers ({@link #OWN_HEADERS}) declared by that response. A request the document has no operation for (an unknown
 * model or operation, a write to a view) must get a 4xx problem. A RestAssured filter: a test class is checked with
 * {@code @ExtendWith(DocumentedAnswers.Checked.class)}, which fails after its last test on any mismatch; or {@link
 * #install()} and {@link #uninstall()} by hand.
 */
public final class DocumentedAnswers implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** The headers the service itself sets on answers: each must be declared by the response that carries it. */
    static final List<String> OWN_HEADERS =
            List.of("ETag", "Location", "X-Total-Count", "Retry-After", "WWW-Authenticate");

    private record Route(String template, Pattern pattern, JsonNode item) {}

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger checked = new AtomicInteger();

    /** A checker of answers against {@code document} (an OpenAPI 3.1 document as JSON). */
    public DocumentedAnswers(JsonNode document) {
        this.document = document;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            routes.add(new Route(path.getKey(), Pattern.compile(regex), path.getValue()));
        }
        // a literal path (/api/users/_count) before a template that would also match it (/api/users/{id})
        routes.sort(Comparator.comparingInt((Route r) -> r.template().split("\\{", -1).length));
    }

    /** Reads the served document and checks every answer from now on. */
    public static DocumentedAnswers install() {
        try {
            DocumentedAnswers answers = new DocumentedAnswers(JSON.readTree(given().get("/q/openapi?format=json")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()));
            RestAssured.filters(answers);
            return answers;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops checking; fails with the mismatches, if any. */
    public void uninstall() {
        List<Filter> others = new ArrayList<>(RestAssured.filters());
        others.remove(this);
        RestAssured.replaceFiltersWith(others);
        System.out.println(
                "DOCUMENTED ANSWERS: " + checked.get() + " answers checked, " + mismatches.size() + " mismatches");
        if (!mismatches.isEmpty()) {
            throw new AssertionError(
                    mismatches.size() + " answers differ from the document:\n" + String.join("\n", mismatches));
        }
    }

    /**
     * Checks every answer of the test class it extends: installed before its first test (the server is up by then),
     * uninstalled after its last, which fails on any mismatch.
     */
    public static final class Checked implements BeforeEachCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Checked.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getParent()
                    .orElseThrow()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(DocumentedAnswers.class, k -> install(), DocumentedAnswers.class);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            DocumentedAnswers answers =
                    context.getStore(NAMESPACE).remove(DocumentedAnswers.class, DocumentedAnswers.class);
            if (answers != null) {
                answers.uninstall();
            }
        }
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request,
            FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = URI.create(request.getURI()).getRawPath();
        // a CORS preflight is the browser's, answered before any operation
        if (path.startsWith("/api/") && !request.getMethod().equals("OPTIONS")) {
            checked.incrementAndGet();
            String mediaType =
                    String.valueOf(response.contentType()).split(";")[0].strip();
            List<String> headers = OWN_HEADERS.stream()
                    .filter(response.headers()::hasHeaderWithName)
                    .toList();
            check(request.getMethod(), path, response.statusCode(), mediaType, response.asString(), headers)
                    .ifPresent(problem -> mismatches.add(
                            request.getMethod() + " " + path + " " + response.statusCode() + ": " + problem));
        }
        return response;
    }

    /** What is wrong with this answer by the document, if anything. */
    public Optional<String> check(String method, String path, int statusCode, String mediaType, String body) {
        return check(method, path, statusCode, mediaType, body, List.of());
    }

    /**
     * What is wrong with this answer by the document, if anything, the headers it carries of {@link #OWN_HEADERS}
     * included.
     */
    public Optional<String> check(
            String method, String path, int statusCode, String mediaType, String body, List<String> headers) {
        // a compound id's separator may come percent-encoded (1%2C2)
        Optional<Route> route = routes.stream()
                .filter(r -> r.pattern().matcher(path).matches()
                        || r.pattern().matcher(path.replace("%2C", ",")).matches())
                .findFirst();
        JsonNode operation =
                route.map(r -> r.item().get(method.toLowerCase(Locale.ROOT))).orElse(null);
        String status = String.valueOf(statusCode);
        if (operation == null) {
            return statusCode / 100 == 4 && mediaType.equals("application/problem+json")
                    ? validate(
                            "undocumented " + status,
                            JSON.createObjectNode().put("$ref", "#/components/schemas/Problem"),
                            body)
                    : Optional.of("no operation in the document, and the answer is not a 4xx problem");
        }
        JsonNode answer = operation.path("responses").get(status);
        if (answer == null) {
            return Optional.of(
                    "status not documented for " + operation.path("operationId").asText());
        }
        answer = resolve(answer);
        JsonNode declared = answer.path("headers");
        List<String> undeclared = headers.stream().filter(h -> !declared.has(h)).toList();
        if (!undeclared.isEmpty()) {
            return Optional.of("header " + undeclared + " not documented for "
                    + operation.path("operationId").asText());
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode schema = answer.path("content").path(mediaType).get("schema");
        if (schema == null) {
            return Optional.of("no " + mediaType + " body documented");
        }
        return validate(method + " " + route.get().template() + " " + status + " " + mediaType, schema, body);
    }

    /**
     * What is wrong with {@code body} by {@code schema}, one of the document's (compiled once per {@code key}), if
     * anything.
     */
    public Optional<String> validate(String key, JsonNode schema, String body) {
        JsonSchema validator = compiled.computeIfAbsent(key, k -> {
            // the schema at the root beside the document's components (shared, not copied), which its $refs name
            ObjectNode root = JSON.createObjectNode().set("components", document.get("components"));
            root.setAll((ObjectNode) schema.deepCopy());
            return SCHEMAS.getSchema(root);
        });
        try {
            Set<ValidationMessage> errors = validator.validate(JSON.readTree(body));
            return errors.isEmpty()
                    ? Optional.empty()
                    : Optional.of(errors.stream()
                                    .limit(3)
                                    .map(ValidationMessage::getMessage)
                                    .toList() + " in " + abbreviate(body));
        } catch (IOException e) {
            return Optional.of("not JSON: " + abbreviate(body));
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.asText().substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
