package dev.quarry.api.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Requests made from the served document's own schemas, for every operation that takes a JSON body (the RPC calls,
 * {@code _query}, creates and updates): values the document calls valid (its JSON Schema validator accepts them),
 * and the same with one mistake (an unknown property, a wrong type). No answer may be a 5xx or a route not found,
 * and every answer must be one the document declares for its status ({@link DocumentedAnswers}). A valid one may be
 * refused only for data reasons (a missing or conflicting record): any other refusal means the document is looser
 * than the server. The figures are printed.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {@ResourceArg(name = "purpose", value = "DocumentFuzzApiTest")})
class DocumentFuzzApiTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 3;
    private static final int TRIES = 200;
    /**
     * A record not found (P2025), a unique or foreign key conflict (P2002, P2003), a required relation (P2014), a
     * transaction over the timeout it asked for (P2028).
     */
    private static final Set<String> DATA_REASONS = Set.of("P2025", "P2002", "P2003", "P2014", "P2028");
    /**
     * Where the document is still looser than the server, by the refusal's code and path: in the input types being
     * rewritten as one typed description, and a rule JSON Schema cannot state across nesting.
     */
    private static final Map<String, String> KNOWN_LOOSER = Map.of(
            "Q103 .*\\.not\\.mode", "a nested not has no mode (Prisma's Nested…Filter), the document's filter has",
            "Q102 .*\\.author\\.create\\.posts",
                    "a to-one nested create is the whole create input, not Prisma's …CreateWithout…Input",
            "Q104 having\\..*", "a having field without an aggregate must be in by (not stated in the document)",
            "Q109 \\w+\\.author", "an update may set a relation beside its key (Prisma's checked or unchecked input)");

    private JsonNode document;
    private final Random random = new Random(23);

    @Test
    void requestsMadeFromTheDocumentGetDocumentedAnswers() throws Exception {
        given().contentType(ContentType.JSON)
                .body("{\"data\":{\"id\":\"u1\",\"email\":\"u1@x.io\",\"posts\":{\"create\":[{\"id\":\"p1\","
                        + "\"title\":\"t\",\"body\":\"b\"}]}}}")
                .post("/api/rpc/user/create")
                .then()
                .statusCode(200);
        DocumentedAnswers answers = DocumentedAnswers.install();
        document = new ObjectMapper()
                .readTree(given().get("/q/openapi?format=json").asString());
        Map<String, Integer> tally = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> looser = new ArrayList<>();
        int sent = 0;
        try {
            for (Iterator<Map.Entry<String, JsonNode>> paths =
                            document.get("paths").fields();
                    paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    JsonNode schema = op.getValue()
                            .path("requestBody")
                            .path("content")
                            .path("application/json")
                            .get("schema");
                    if (schema == null || path.getKey().contains("{")) {
                        continue;
                    }
                    String key = "request " + op.getKey() + " " + path.getKey();
                    for (int i = 0; i < 12; i++) {
                        boolean valid = i % 3 != 2;
                        JsonNode body = valid ? validInstance(answers, key, schema) : broken(instance(schema, 0));
                        Map<String, String> query = requiredQuery(answers, key, op.getValue());
                        if (body == null || query == null) {
                            tally.merge("valid, none made", 1, Integer::sum);
                            continue;
                        }
                        // the document's paths as they are ($transaction unencoded), so the query encoded here
                        RequestSpecification request = given().urlEncodingEnabled(false);
                        query.forEach((name, value) ->
                                request.queryParam(name, URLEncoder.encode(value, StandardCharsets.UTF_8)));
                        Response r = request.contentType(ContentType.JSON)
                                .body(body.toString())
                                .request(op.getKey().toUpperCase(), path.getKey());
                        sent++;
                        String kind = (valid ? "valid " : "broken ")
                                + r.statusCode()
                                + (r.statusCode() >= 400 ? " " + r.path("code") : "");
                        tally.merge(kind, 1, Integer::sum);
                        examples.putIfAbsent(kind, op.getKey().toUpperCase() + " " + path.getKey() + " " + body);
                        if (valid && r.statusCode() >= 400 && !DATA_REASONS.contains(r.<String>path("code"))) {
                            String refusal = r.path("code") + " " + r.path("meta.path");
                            String known = KNOWN_LOOSER.entrySet().stream()
                                    .filter(e -> refusal.matches(e.getKey()))
                                    .map(Map.Entry::getValue)
                                    .findFirst()
                                    .orElse(null);
                            if (known != null) {
                                tally.merge("valid, refused as known: " + known, 1, Integer::sum);
                            } else {
                                looser.add(op.getKey() + " " + path.getKey() + " " + body + " -> " + r.asString());
                            }
                        }
                        // a 5xx, or a route of the document the server does not know
                        if (r.statusCode() >= 500 || (r.statusCode() == 404 && "Q404".equals(r.path("code")))) {
                            wrong.add(op.getKey() + " " + path.getKey() + " " + body + " -> " + r.asString());
                        }
                    }
                }
            }
        } finally {
            System.out.println("DOCUMENT FUZZ: " + sent + " requests: " + tally);
            examples.forEach((kind, example) -> System.out.println("DOCUMENT FUZZ " + kind + ", e.g. " + example));
            answers.uninstall();
        }
        assertTrue(sent > 300, "requests: " + sent);
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), looser, "valid by the document, refused not for data reasons");
    }

    /**
     * An instance the document's validator accepts: the generator knows types, required and the bounds, not the
     * rules written as {@code not} (a unique key, select beside include, a create's required relation), so it tries
     * until one holds.
     */
    private JsonNode validInstance(DocumentedAnswers answers, String key, JsonNode schema) {
        for (int attempt = 0; attempt < TRIES; attempt++) {
            JsonNode candidate = instance(schema, 0);
            if (answers.validate(key, schema, candidate.toString()).isEmpty()) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The operation's required query parameters, each valid by its schema (a JSON parameter as its JSON text), or
     * null when none could be made.
     */
    private Map<String, String> requiredQuery(DocumentedAnswers answers, String key, JsonNode operation) {
        Map<String, String> query = new TreeMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            JsonNode resolved =
                    parameter.has("$ref") ? resolve(parameter.get("$ref").asText()) : parameter;
            if (!"query".equals(resolved.path("in").asText())
                    || !resolved.path("required").asBoolean()) {
                continue;
            }
            JsonNode json = resolved.path("content").path("application/json").get("schema");
            JsonNode value = validInstance(
                    answers, key + " " + resolved.get("name").asText(), json != null ? json : resolved.get("schema"));
            if (value == null) {
                return null;
            }
            query.put(
                    resolved.get("name").asText(),
                    json != null || !value.isTextual() ? value.toString() : value.asText());
        }
        return query;
    }

    /** One mistake the document forbids: an unknown property, or a number where an object or array belongs. */
    private JsonNode broken(JsonNode valid) {
        if (valid instanceof ObjectNode object && random.nextBoolean()) {
            return object.deepCopy().put("notAField", true);
        }
        return NODES.numberNode(7);
    }

    private JsonNode instance(JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            return instance(resolve(schema.get("$ref").asText()), depth);
        }
        for (String union : List.of("oneOf", "anyOf")) {
            if (schema.has(union)) {
                JsonNode choices = schema.get(union);
                return instance(choices.get(random.nextInt(choices.size())), depth);
            }
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText("object");
        switch (type) {
            case "string":
                return NODES.textNode(string(schema));
            case "integer": {
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max =
                        schema.has("maximum") ? Math.min(schema.get("maximum").asLong(), min + 5) : min + 5;
                return NODES.numberNode(min + random.nextInt((int) (max - min + 1)));
            }
            case "number":
                return NODES.numberNode(random.nextInt(100) / 4.0);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = depth >= MAX_DEPTH
                        ? schema.path("minItems").asInt(0)
                        : Math.max(schema.path("minItems").asInt(0), random.nextInt(3));
                for (int i = 0; i < items; i++) {
                    array.add(instance(schema.get("items"), depth + 1));
                }
                return array;
            }
            default:
                return object(schema, depth);
        }
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            boolean room = object.size() < schema.path("maxProperties").asInt(Integer.MAX_VALUE);
            boolean wanted =
                    required.contains(property.getKey()) || (room && depth < MAX_DEPTH && random.nextInt(4) == 0);
            if (wanted) {
                object.set(property.getKey(), instance(property.getValue(), depth + 1));
            }
        }
        if (object.isEmpty() && schema.path("minProperties").asInt(0) > 0 && schema.has("properties")) {
            String first = schema.get("properties").fieldNames().next();
            object.set(first, instance(schema.get("properties").get(first), depth + 1));
        }
        return object;
    }

    private String string(JsonNode schema) {
        if ("date-time".equals(schema.path("format").asText())) {
            return "2024-0" + (1 + random.nextInt(9)) + "-01T00:00:00.000Z";
        }
        if (schema.has("pattern")) {
            return String.valueOf(random.nextInt(100));
        }
        return List.of("u1", "p1", "a", "u1@x.io", "zz").get(random.nextInt(5));
    }

    private JsonNode resolve(String ref) {
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }
}
