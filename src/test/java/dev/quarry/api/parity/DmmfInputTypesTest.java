package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.QueryException;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Quarry's argument validation against Prisma's own query schema (the DMMF of Prisma 7, from {@code prisma
 * generate}), for the schemas of the parity suites. From each model's read operations ({@code findMany}, {@code
 * findFirst},
 * {@code aggregate}, {@code groupBy}: their arguments), its {@code where} ({@code WhereInput}, every field's filter
 * types, their nested {@code not} filters) and its {@code orderBy} ({@code OrderByWithRelationInput}, {@code
 * SortOrderInput}, relation-count and relevance orders), every input object field is sent alone with a valid value,
 * and must be accepted; every other key of the DMMF sent in its place must be refused there; an object with two
 * keys where the type takes at most one, an empty one where it takes at least one, and one without a required
 * field, must be refused; findUnique's WhereUniqueInput likewise, and refused without a unique criterion. Left out:
 * groupBy's having and orderBy, select/include/omit (output types), writes.
 */
class DmmfInputTypesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Operation> OPERATIONS = Map.of("findMany", Operation.FIND_MANY, "findFirst", Operation.FIND_FIRST,
            "aggregate", Operation.AGGREGATE, "groupBy", Operation.GROUP_BY);
    private static final int MAX_DEPTH = 4;

    /**
     * The figures the README quotes: input types and fields compared, keys checked refused, constraints checked.
     */
    @Test
    void blogAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("query/blog.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(List.of(26, 434, 2_730, 25), c.figures(), "input types, fields accepted, keys refused, constraints");
    }

    @Test
    void richAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("query/rich.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(List.of(129, 1_840, 31_196, 166), c.figures(), "input types, fields accepted, keys refused, constraints");
    }

    private static Comparison compare(String resource) throws Exception {
        Tools.require(PrismaPeer.unavailableReason().isEmpty(), () -> "DMMF comparison: " + PrismaPeer.unavailableReason().orElse(""));
        Path file = Path.of("src/test/resources", resource);
        Comparison c = new Comparison(PrismaSchema.load(file).schema().orElseThrow(), PrismaPeer.dmmfSchema(file));
        c.run();
        System.out.printf("DMMF %s: %d input types, %d fields accepted, %d keys refused, %d constraints, %d mismatches%n",
                resource, c.types.size(), c.accepted, c.refused, c.constraints, c.mismatches.size());
        c.mismatches.forEach(m -> System.out.println("  " + m));
        return c;
    }

    /**
     * One place of an argument object: an operation, the path of keys to it, the input types it takes (a union),
     * and keys it also takes that no compared type lists (a to-one relation filter's WhereInput shorthand, whose
     * type is compared at its own model; an operation's selection: select, include, _count …, which the DMMF has in
     * output types).
     */
    private record Position(Model model, Operation operation, List<String> path, List<JsonNode> types, Set<String> alsoAccepted, ObjectNode given) {

        Position(Model model, Operation operation, List<String> path, List<JsonNode> types, Set<String> alsoAccepted) {
            this(model, operation, path, types, alsoAccepted, NODES.objectNode());
        }

        String key() {
            return String.join(".", path);
        }

        String display() {
            return model.name() + " " + operation.clientName() + " " + (path.isEmpty() ? "(arguments)" : String.join(".", path));
        }
    }

    private static final class Comparison {

        private final Schema schema;
        private final QueryPlanner planner;
        private final Map<String, JsonNode> inputTypes = new HashMap<>();
        private final Map<String, List<String>> enums = new HashMap<>();
        private final JsonNode query;
        private final JsonNode outputTypes;
        private final Set<String> candidates = new TreeSet<>();
        private final Set<String> types = new TreeSet<>();
        private final List<String> mismatches = new ArrayList<>();
        private int accepted;
        private int refused;
        private int constraints;

        Comparison(Schema schema, JsonNode dmmf) {
            this.schema = schema;
            this.planner = new QueryPlanner(schema, Limits.DEFAULT);
            dmmf.at("/inputObjectTypes/prisma").forEach(t -> inputTypes.put(t.get("name").asText(), t));
            for (String namespace : List.of("prisma", "model")) {
                dmmf.at("/enumTypes/" + namespace).forEach(e -> {
                    List<String> values = new ArrayList<>();
                    e.get("values").forEach(v -> values.add(v.asText()));
                    enums.put(e.get("name").asText(), values);
                });
            }
            JsonNode found = null;
            for (JsonNode t : dmmf.at("/outputObjectTypes/prisma")) {
                if (t.get("name").asText().equals("Query")) {
                    found = t;
                }
            }
            this.query = found;
            this.outputTypes = dmmf.at("/outputObjectTypes/prisma");
            inputTypes.values().forEach(t -> t.get("fields").forEach(f -> candidates.add(f.get("name").asText())));
            query.get("fields").forEach(f -> f.get("args").forEach(a -> candidates.add(a.get("name").asText())));
        }

        void run() {
            for (Model model : schema.models()) {
                if (model.ignored() || !inputTypes.containsKey(model.name() + "WhereInput")) {
                    continue;
                }
                for (JsonNode field : query.get("fields")) {
                    String name = field.get("name").asText();
                    for (Map.Entry<String, Operation> op : OPERATIONS.entrySet()) {
                        if (name.equals(op.getKey() + model.name())) {
                            ObjectNode args = NODES.objectNode();
                            args.put("name", name);
                            args.set("fields", field.get("args"));
                            args.set("constraints", NODES.objectNode());
                            compare(new Position(model, op.getValue(), List.of(), List.of(args), selection(op.getValue(), field)), false);
                        }
                    }
                }
                compare(new Position(model, Operation.FIND_MANY, List.of("where"), List.of(inputTypes.get(model.name() + "WhereInput")), Set.of()), true);
                compare(new Position(model, Operation.FIND_MANY, List.of("orderBy"), List.of(inputTypes.get(model.name() + "OrderByWithRelationInput")),
                        Set.of()), true);
                whereUnique(model);
            }
        }

        /**
         * findUnique's {@code where}: each field beside the first unique criterion; other keys refused; and refused
         * without any unique criterion (the type's {@code fields} constraint).
         */
        private void whereUnique(Model model) {
            JsonNode type = inputTypes.get(model.name() + "WhereUniqueInput");
            List<String> criteria = new ArrayList<>();
            type.at("/constraints/fields").forEach(f -> criteria.add(f.asText()));
            ObjectNode given = NODES.objectNode();
            for (JsonNode f : type.get("fields")) {
                if (f.get("name").asText().equals(criteria.get(0))) {
                    value(f.get("inputTypes"), 0).ifPresent(v -> given.set(criteria.get(0), v));
                }
            }
            Position at = new Position(model, Operation.FIND_UNIQUE, List.of("where"), List.of(type), Set.of(), given);
            compare(at, false);
            for (JsonNode f : type.get("fields")) {
                if (!criteria.contains(f.get("name").asText())) {
                    Optional<JsonNode> v = value(f.get("inputTypes"), 0);
                    if (v.isPresent()) {
                        constraints++;
                        ObjectNode leaf = NODES.objectNode().set(f.get("name").asText(), v.get());
                        if (plan(at, leaf).isEmpty()) {
                            mismatches.add(at.display() + ": Prisma refuses " + leaf + " (no unique criterion of " + criteria + "), Quarry accepts it");
                        }
                    }
                }
            }
        }

        /** The selection keys of an operation: select/include/omit, or the aggregates of its output type. */
        private Set<String> selection(Operation operation, JsonNode queryField) {
            if (operation == Operation.FIND_MANY || operation == Operation.FIND_FIRST) {
                return Set.of("select", "include", "omit");
            }
            Set<String> out = new TreeSet<>();
            String output = queryField.at("/outputType/type").asText();
            for (JsonNode t : outputTypes) {
                if (t.get("name").asText().equals(output)) {
                    t.get("fields").forEach(f -> {
                        if (f.get("name").asText().startsWith("_")) {
                            out.add(f.get("name").asText());
                        }
                    });
                }
            }
            return out;
        }

        List<Integer> figures() {
            return List.of(types.size(), accepted, refused, constraints);
        }

        private void compare(Position at, boolean descend) {
            at.types().forEach(t -> types.add(t.get("name").asText()));
            Map<String, JsonNode> fields = new HashMap<>();
            at.types().forEach(t -> t.get("fields").forEach(f -> fields.putIfAbsent(f.get("name").asText(), f)));
            for (JsonNode type : at.types()) {
                for (JsonNode field : type.get("fields")) {
                    Optional<JsonNode> value = value(field.get("inputTypes"), 0);
                    if (value.isEmpty()) {
                        continue;
                    }
                    ObjectNode leaf = at.given().deepCopy();
                    leaf.setAll(required(type, field.get("name").asText()));
                    leaf.set(field.get("name").asText(), value.get());
                    accepted++;
                    // P2019: arguments each valid but not together (groupBy's take without orderBy), refused by
                    // Prisma's engine too
                    plan(at, leaf).filter(e -> !e.error().code().equals("P2019"))
                            .ifPresent(e -> mismatches.add(at.display() + ": Prisma accepts " + leaf + ", Quarry refuses: " + e.error().message()));
                    if (descend) {
                        objectTypes(at, field).ifPresent(inner -> compare(inner, true));
                    }
                }
                constraints(at, type);
            }
            for (String candidate : candidates) {
                if (fields.containsKey(candidate) || at.alsoAccepted().contains(candidate)) {
                    continue;
                }
                ObjectNode leaf = at.given().deepCopy();
                leaf.setAll(required(at.types().get(0), ""));
                leaf.putNull(candidate);
                refused++;
                Optional<QueryException> e = plan(at, leaf);
                if (e.isEmpty() || !e.get().error().path().startsWith(at.key())) {
                    mismatches.add(at.display() + ": Prisma refuses key " + candidate + ", Quarry " + e.map(x -> "refuses elsewhere: " + x.error().message()).orElse("accepts it"));
                }
            }
        }

        /**
         * Two keys where the type takes at most one; none where it takes at least one; a required field left out.
         */
        private void constraints(Position at, JsonNode type) {
            JsonNode c = type.get("constraints");
            List<JsonNode> fields = new ArrayList<>();
            type.get("fields").forEach(fields::add);
            List<ObjectNode> refusedLeaves = new ArrayList<>();
            if (c.path("maxNumFields").asInt(0) == 1 && fields.size() >= 2) {
                ObjectNode two = NODES.objectNode();
                for (JsonNode f : fields) {
                    if (two.size() < 2) {
                        value(f.get("inputTypes"), 0).ifPresent(v -> two.set(f.get("name").asText(), v));
                    }
                }
                refusedLeaves.add(two);
            }
            if (c.path("minNumFields").asInt(0) >= 1) {
                refusedLeaves.add(NODES.objectNode());
            }
            for (JsonNode f : fields) {
                if (f.get("isRequired").asBoolean() && fields.size() > 1) {
                    ObjectNode without = NODES.objectNode();
                    for (JsonNode other : fields) {
                        if (other != f && other.get("isRequired").asBoolean()) {
                            value(other.get("inputTypes"), 0).ifPresent(v -> without.set(other.get("name").asText(), v));
                        }
                    }
                    refusedLeaves.add(without);
                }
            }
            for (ObjectNode leaf : refusedLeaves) {
                constraints++;
                if (plan(at, leaf).isEmpty()) {
                    mismatches.add(at.display() + ": Prisma refuses " + leaf + " (" + type.get("name").asText() + " " + c + "), Quarry accepts it");
                }
            }
        }

        /**
         * The position a field leads to, when its input object types are ones this comparison walks: filters,
         * nested filters, order inputs.
         */
        private Optional<Position> objectTypes(Position at, JsonNode field) {
            List<JsonNode> walked = new ArrayList<>();
            Set<String> shorthand = new TreeSet<>();
            if (at.path().size() >= MAX_DEPTH) {
                return Optional.empty();
            }
            for (JsonNode option : field.get("inputTypes")) {
                String name = option.get("type").asText();
                JsonNode type = inputTypes.get(name);
                if (type == null || !option.get("location").asText().equals("inputObjectTypes") || option.get("isList").asBoolean()) {
                    continue;
                }
                if ((name.endsWith("Filter") && !name.contains("WithAggregates")) || name.equals("SortOrderInput")
                        || name.endsWith("OrderByRelationAggregateInput") || name.endsWith("OrderByRelevanceInput")) {
                    walked.add(type);
                } else if (name.endsWith("WhereInput")) {
                    type.get("fields").forEach(f -> shorthand.add(f.get("name").asText()));
                }
            }
            if (walked.isEmpty()) {
                return Optional.empty();
            }
            List<String> path = new ArrayList<>(at.path());
            path.add(field.get("name").asText());
            return Optional.of(new Position(at.model(), at.operation(), path, walked, shorthand));
        }

        /** The other required fields of {@code type} besides {@code except}, with valid values. */
        private ObjectNode required(JsonNode type, String except) {
            ObjectNode out = NODES.objectNode();
            for (JsonNode f : type.get("fields")) {
                if (f.get("isRequired").asBoolean() && !f.get("name").asText().equals(except)) {
                    value(f.get("inputTypes"), 0).ifPresent(v -> out.set(f.get("name").asText(), v));
                }
            }
            return out;
        }

        /** A valid value of one of a field's input types: a scalar or enum if it takes one, else an object. */
        private Optional<JsonNode> value(JsonNode options, int depth) {
            List<JsonNode> ordered = new ArrayList<>();
            options.forEach(o -> {
                if (!o.get("location").asText().equals("inputObjectTypes") && !o.get("type").asText().equals("Null")) {
                    ordered.add(o);
                }
            });
            options.forEach(o -> {
                if (o.get("location").asText().equals("inputObjectTypes")) {
                    ordered.add(o);
                }
            });
            for (JsonNode o : ordered) {
                Optional<JsonNode> one = one(o, depth);
                if (one.isPresent()) {
                    return Optional.of(o.get("isList").asBoolean() ? NODES.arrayNode().add(one.get()) : one.get());
                }
            }
            return Optional.empty();
        }

        private Optional<JsonNode> one(JsonNode option, int depth) {
            String type = option.get("type").asText();
            switch (option.get("location").asText()) {
                case "scalar":
                    return scalar(type);
                case "enumTypes":
                    return Optional.ofNullable(enums.get(type)).filter(v -> !v.isEmpty() && !type.equals("JsonNullValueFilter")).map(v -> NODES.textNode(v.get(0)));
                case "inputObjectTypes": {
                    JsonNode t = inputTypes.get(type);
                    if (t == null || depth > 2) {
                        return Optional.empty();
                    }
                    ObjectNode out = required(t, "");
                    if (out.isEmpty() && t.get("constraints").path("minNumFields").asInt(0) >= 1) {
                        for (JsonNode f : t.get("fields")) {
                            Optional<JsonNode> v = value(f.get("inputTypes"), depth + 1);
                            if (v.isPresent()) {
                                out.set(f.get("name").asText(), v.get());
                                break;
                            }
                        }
                    }
                    return Optional.of(out);
                }
                default:
                    return Optional.empty();
            }
        }

        private static Optional<JsonNode> scalar(String type) {
            switch (type) {
                case "String":
                    // also a valid uuid, for @db.Uuid fields
                    return Optional.of(NODES.textNode("11111111-1111-1111-1111-111111111111"));
                case "Int":
                case "BigInt":
                case "Json":
                    return Optional.of(NODES.numberNode(1));
                case "Float":
                    return Optional.of(NODES.numberNode(1.5));
                case "Decimal":
                    return Optional.of(NODES.textNode("1.5"));
                case "Boolean":
                    return Optional.of(NODES.booleanNode(true));
                case "DateTime":
                    return Optional.of(NODES.textNode("2024-01-01T00:00:00.000Z"));
                case "Bytes":
                    return Optional.of(NODES.textNode("AAE="));
                default:
                    return Optional.empty();
            }
        }

        /** Quarry's planner on the arguments with {@code leaf} at the position; the refusal, if any. */
        private Optional<QueryException> plan(Position at, ObjectNode leaf) {
            ObjectNode args = NODES.objectNode();
            ObjectNode node = args;
            for (int i = 0; i < at.path().size(); i++) {
                node = node.putObject(at.path().get(i));
            }
            node.setAll(leaf);
            try {
                planner.plan(at.model(), ReadArgs.ofBody(at.operation(), args));
                return Optional.empty();
            } catch (QueryException e) {
                return Optional.of(e);
            }
        }
    }
}
