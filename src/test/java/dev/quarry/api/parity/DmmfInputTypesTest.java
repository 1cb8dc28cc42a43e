package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.QueryException;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.write.WriteArgs;
import dev.quarry.query.write.WriteOperation;
import dev.quarry.query.write.WritePlanner;
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
 * generate}), for the schemas of the parity suites. Compared: each model's read operations ({@code findMany},
 * {@code findFirst},
 * {@code aggregate}, {@code groupBy}: their arguments), its {@code where} ({@code WhereInput}, every field's filter
 * types, their nested {@code not} filters), its {@code orderBy} ({@code OrderByWithRelationInput}, {@code
 * SortOrderInput}, relation-count and relevance orders), groupBy's {@code having} and {@code orderBy} and the
 * aggregate inputs, select/include/omit (from the output types), findUnique's WhereUniqueInput, and every write
 * operation (create, createMany, createManyAndReturn, update, updateMany, updateManyAndReturn, upsert, delete,
 * deleteMany) with every nested write input it reaches (create, connect, connectOrCreate, set, disconnect, delete,
 * update, updateMany, upsert, deleteMany, createMany envelopes, field update operations), each input type once. At
 * each place every input object field is sent alone with a valid value and must be accepted; every other key of the
 * DMMF sent in its place must be refused there; an object with two keys where the type takes at most one, an empty
 * one where it takes at least one, and one without a required field, must be refused; a WhereUniqueInput without a
 * unique criterion too.
 */
class DmmfInputTypesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Operation> OPERATIONS = Map.of(
            "findMany",
            Operation.FIND_MANY,
            "findFirst",
            Operation.FIND_FIRST,
            "aggregate",
            Operation.AGGREGATE,
            "groupBy",
            Operation.GROUP_BY);
    /** Prisma's mutation fields (* the model's name) and the write operations they are. */
    private static final Map<String, WriteOperation> MUTATIONS = Map.of(
            "createOne*",
            WriteOperation.CREATE,
            "createMany*",
            WriteOperation.CREATE_MANY,
            "createMany*AndReturn",
            WriteOperation.CREATE_MANY_AND_RETURN,
            "updateOne*",
            WriteOperation.UPDATE,
            "updateMany*",
            WriteOperation.UPDATE_MANY,
            "updateMany*AndReturn",
            WriteOperation.UPDATE_MANY_AND_RETURN,
            "upsertOne*",
            WriteOperation.UPSERT,
            "deleteOne*",
            WriteOperation.DELETE,
            "deleteMany*",
            WriteOperation.DELETE_MANY);
    /**
     * The arguments of aggregate and groupBy compared at their own positions, by the ending of their input type's
     * name.
     */
    private static final Map<String, String> AGGREGATE_PARTS = Map.of(
            "having",
            "ScalarWhereWithAggregatesInput",
            "orderBy",
            "OrderByWithAggregationInput",
            "_count",
            "CountAggregateInputType",
            "_avg",
            "AvgAggregateInputType",
            "_sum",
            "SumAggregateInputType",
            "_min",
            "MinAggregateInputType",
            "_max",
            "MaxAggregateInputType");

    private static final int MAX_DEPTH = 4;
    private static final int MAX_WRITE_DEPTH = 6;

    /**
     * The figures the README quotes: input types and fields compared, keys checked refused, constraints checked.
     */
    @Test
    void blogAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("query/blog.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(
                List.of(107, 2_129, 14_037, 86),
                c.figures(),
                "input types, fields accepted, keys refused, constraints");
    }

    @Test
    void richAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("query/rich.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(
                List.of(604, 10_776, 167_594, 560),
                c.figures(),
                "input types, fields accepted, keys refused, constraints");
    }

    /** The real applications' schemas of the parity suites ({@link RealAppParity}). */
    @Test
    void ghostfolioAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("parity/real/ghostfolio.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(
                List.of(1_137, 27_807, 481_853, 1_130),
                c.figures(),
                "input types, fields accepted, keys refused, constraints");
    }

    @Test
    void keystoneSandboxAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("parity/real/keystone-sandbox.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(
                List.of(306, 9_303, 108_988, 329),
                c.figures(),
                "input types, fields accepted, keys refused, constraints");
    }

    @Test
    void linkwardenAcceptsWhatPrismaAccepts() throws Exception {
        Comparison c = compare("parity/real/linkwarden.prisma");
        assertEquals(List.of(), c.mismatches);
        assertEquals(
                List.of(1_003, 34_014, 695_462, 1_116),
                c.figures(),
                "input types, fields accepted, keys refused, constraints");
    }

    private static Comparison compare(String resource) throws Exception {
        Tools.require(
                PrismaPeer.unavailableReason().isEmpty(),
                () -> "DMMF comparison: " + PrismaPeer.unavailableReason().orElse(""));
        Path file = Path.of("src/test/resources", resource);
        Comparison c = new Comparison(PrismaSchema.load(file).schema().orElseThrow(), PrismaPeer.dmmfSchema(file));
        c.run();
        System.out.printf(
                "DMMF %s: %d input types, %d fields accepted, %d keys refused, %d constraints, %d mismatches%n",
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
    private record Position(
            Model model,
            Call call,
            ObjectNode base,
            List<String> path,
            List<JsonNode> types,
            Set<String> alsoAccepted,
            ObjectNode given) {

        Position(
                Model model,
                Call call,
                ObjectNode base,
                List<String> path,
                List<JsonNode> types,
                Set<String> alsoAccepted) {
            this(model, call, base, path, types, alsoAccepted, NODES.objectNode());
        }

        String key() {
            return String.join(".", path);
        }

        String display() {
            return model.name() + " " + call.name() + " " + (path.isEmpty() ? "(arguments)" : String.join(".", path));
        }

        /** The whole argument object with {@code leaf} at this position, inside the base's required siblings. */
        ObjectNode args(ObjectNode leaf) {
            ObjectNode args = base.deepCopy();
            ObjectNode node = args;
            for (String key : path) {
                node = node.get(key) instanceof ObjectNode inner ? inner : node.putObject(key);
            }
            node.setAll(leaf);
            return args;
        }
    }

    /** A read or write operation, planned by Quarry's read or write planner. */
    private record Call(String name, Operation read, WriteOperation write) {

        static Call of(Operation read) {
            return new Call(read.clientName(), read, null);
        }

        static Call of(WriteOperation write) {
            return new Call(write.clientName(), null, write);
        }
    }

    private static final class Comparison {

        private final Schema schema;
        private final QueryPlanner planner;
        private final WritePlanner writes;
        /** The input types compared under writes so far: each once, in the first place it is reached. */
        private final Set<String> walkedInWrites = new TreeSet<>();

        private final Map<String, JsonNode> inputTypes = new HashMap<>();
        private final Map<String, List<String>> enums = new HashMap<>();
        private final JsonNode query;
        private final JsonNode mutation;
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
            this.writes = new WritePlanner(schema, Limits.DEFAULT);
            dmmf.at("/inputObjectTypes/prisma")
                    .forEach(t -> inputTypes.put(t.get("name").asText(), t));
            for (String namespace : List.of("prisma", "model")) {
                dmmf.at("/enumTypes/" + namespace).forEach(e -> {
                    List<String> values = new ArrayList<>();
                    e.get("values").forEach(v -> values.add(v.asText()));
                    enums.put(e.get("name").asText(), values);
                });
            }
            JsonNode found = null;
            JsonNode writing = null;
            for (JsonNode t : dmmf.at("/outputObjectTypes/prisma")) {
                if (t.get("name").asText().equals("Query")) {
                    found = t;
                } else if (t.get("name").asText().equals("Mutation")) {
                    writing = t;
                }
            }
            this.query = found;
            this.mutation = writing;
            this.outputTypes = dmmf.at("/outputObjectTypes/prisma");
            inputTypes
                    .values()
                    .forEach(t -> t.get("fields")
                            .forEach(f -> candidates.add(f.get("name").asText())));
            query.get("fields")
                    .forEach(f -> f.get("args")
                            .forEach(a -> candidates.add(a.get("name").asText())));
            if (mutation != null) {
                mutation.get("fields")
                        .forEach(f -> f.get("args")
                                .forEach(a -> candidates.add(a.get("name").asText())));
            }
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
                            Call call = Call.of(op.getValue());
                            compare(
                                    new Position(
                                            model,
                                            call,
                                            NODES.objectNode(),
                                            List.of(),
                                            List.of(arguments(field)),
                                            selection(field)),
                                    false);
                            for (Map.Entry<String, String> part : AGGREGATE_PARTS.entrySet()) {
                                argumentPosition(model, call, field, part.getKey(), part.getValue());
                            }
                        }
                    }
                }
                Call findMany = Call.of(Operation.FIND_MANY);
                compare(
                        new Position(
                                model,
                                findMany,
                                NODES.objectNode(),
                                List.of("where"),
                                List.of(inputTypes.get(model.name() + "WhereInput")),
                                Set.of()),
                        true);
                compare(
                        new Position(
                                model,
                                findMany,
                                NODES.objectNode(),
                                List.of("orderBy"),
                                List.of(inputTypes.get(model.name() + "OrderByWithRelationInput")),
                                Set.of()),
                        true);
                for (String shape : List.of("select", "include", "omit")) {
                    shapeType(model, shape)
                            .ifPresent(t -> compare(
                                    new Position(
                                            model, findMany, NODES.objectNode(), List.of(shape), List.of(t), Set.of()),
                                    false));
                }
                whereUnique(model);
                if (mutation != null && !model.view()) {
                    for (JsonNode field : mutation.get("fields")) {
                        String name = field.get("name").asText();
                        for (Map.Entry<String, WriteOperation> op : MUTATIONS.entrySet()) {
                            if (name.equals(op.getKey().replace("*", model.name()))) {
                                Set<String> shape =
                                        field.at("/outputType/type").asText().equals(model.name())
                                                        || name.endsWith("AndReturn")
                                                ? Set.of("select", "include", "omit")
                                                : Set.of();
                                compare(
                                        new Position(
                                                model,
                                                Call.of(op.getValue()),
                                                NODES.objectNode(),
                                                List.of(),
                                                List.of(arguments(field)),
                                                shape),
                                        true);
                            }
                        }
                    }
                }
            }
        }

        /** A query or mutation field's arguments as one input object type. */
        private static JsonNode arguments(JsonNode field) {
            ObjectNode args = NODES.objectNode();
            args.put("name", field.get("name").asText());
            args.set("fields", field.get("args"));
            args.set("constraints", NODES.objectNode());
            return args;
        }

        /**
         * An argument of an aggregate or groupBy ({@code having}, {@code orderBy}, {@code _count} …) compared at
         * its own position, beside the operation's other required arguments (groupBy's {@code by}); having's
         * aggregate filters and groupBy's aggregate orders are walked too.
         */
        private void argumentPosition(Model model, Call call, JsonNode field, String argument, String typeSuffix) {
            for (JsonNode arg : field.get("args")) {
                if (!arg.get("name").asText().equals(argument)) {
                    continue;
                }
                for (JsonNode option : arg.get("inputTypes")) {
                    String name = option.get("type").asText();
                    if (option.get("location").asText().equals("inputObjectTypes")
                            && !option.get("isList").asBoolean()
                            && name.endsWith(typeSuffix)) {
                        ObjectNode base = required(arguments(field), argument);
                        if (base.has("by")) {
                            // every field in by: having and orderBy name fields outside the aggregates only when
                            // they are grouped by
                            ArrayNode by = base.putArray("by");
                            enums.get(model.name() + "ScalarFieldEnum").forEach(by::add);
                        }
                        compare(
                                new Position(
                                        model, call, base, List.of(argument), List.of(inputTypes.get(name)), Set.of()),
                                true);
                    }
                }
            }
        }

        /**
         * select, include and omit, which the DMMF describes as the model's output type: select takes every output
         * field (at least one), include its relations and {@code _count}, omit its scalars; each {@code true}, a
         * relation also its arguments object.
         */
        private Optional<JsonNode> shapeType(Model model, String shape) {
            JsonNode output = null;
            for (JsonNode t : outputTypes) {
                if (t.get("name").asText().equals(model.name())) {
                    output = t;
                }
            }
            if (output == null) {
                return Optional.empty();
            }
            ObjectNode type = NODES.objectNode()
                    .put("name", model.name() + Character.toUpperCase(shape.charAt(0)) + shape.substring(1));
            ArrayNode fields = type.putArray("fields");
            for (JsonNode f : output.get("fields")) {
                boolean relation = f.at("/outputType/location").asText().equals("outputObjectTypes");
                if (shape.equals("omit") == relation || (shape.equals("include") && !relation)) {
                    continue;
                }
                ObjectNode field =
                        fields.addObject().put("name", f.get("name").asText()).put("isRequired", false);
                field.putArray("inputTypes")
                        .addObject()
                        .put("type", "Boolean")
                        .put("location", "scalar")
                        .put("isList", false);
            }
            type.putObject("constraints").put("minNumFields", shape.equals("select") ? 1 : 0);
            return fields.isEmpty() ? Optional.empty() : Optional.of(type);
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
            Position at = new Position(
                    model,
                    Call.of(Operation.FIND_UNIQUE),
                    NODES.objectNode(),
                    List.of("where"),
                    List.of(type),
                    Set.of(),
                    given);
            compare(at, false);
            for (JsonNode f : type.get("fields")) {
                if (!criteria.contains(f.get("name").asText())) {
                    Optional<JsonNode> v = value(f.get("inputTypes"), 0);
                    if (v.isPresent()) {
                        constraints++;
                        ObjectNode leaf = NODES.objectNode().set(f.get("name").asText(), v.get());
                        if (plan(at, leaf).isEmpty()) {
                            mismatches.add(at.display() + ": Prisma refuses " + leaf + " (no unique criterion of "
                                    + criteria + "), Quarry accepts it");
                        }
                    }
                }
            }
        }

        /** The selection keys of a read: select/include/omit, or the aggregates of its output type. */
        private Set<String> selection(JsonNode queryField) {
            String name = queryField.get("name").asText();
            if (name.startsWith("findMany") || name.startsWith("findFirst")) {
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

        private void mismatch(Position at, String what) {
            mismatches.add(at.display() + what);
        }

        List<Integer> figures() {
            return List.of(types.size(), accepted, refused, constraints);
        }

        private void compare(Position at, boolean descend) {
            at.types().forEach(t -> types.add(t.get("name").asText()));
            Map<String, JsonNode> fields = new HashMap<>();
            at.types()
                    .forEach(t -> t.get("fields")
                            .forEach(f -> fields.putIfAbsent(f.get("name").asText(), f)));
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
                    plan(at, leaf)
                            .filter(e -> e.error().code() != ErrorCode.INPUT_ERROR)
                            .ifPresent(e -> mismatch(
                                    at,
                                    ": Prisma accepts " + leaf + ", Quarry refuses: "
                                            + e.error().message()));
                    if (descend) {
                        objectTypes(at, type, field).ifPresent(inner -> compare(inner, true));
                    }
                }
                if (at.types().size() == 1) {
                    // in a union, what one type refuses another may take (a to-one update's {where, data} or the
                    // data itself)
                    constraints(at, type);
                }
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
                if (e.isEmpty() || !refusedAt(e.get(), at)) {
                    mismatch(
                            at,
                            ": Prisma refuses key " + candidate + ", Quarry "
                                    + e.map(x -> "refuses elsewhere: "
                                                    + x.error().message())
                                            .orElse("accepts it"));
                }
            }
        }

        /**
         * Refused at the position or under it; or by the engine (P2019) above it, which refuses the whole object
         * there (Json's {@code _count} in having).
         */
        private static boolean refusedAt(QueryException e, Position at) {
            String path = e.error().path();
            return path.startsWith(at.key())
                    || (e.error().code() == ErrorCode.INPUT_ERROR && at.key().startsWith(path));
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
                        value(f.get("inputTypes"), 0)
                                .ifPresent(v -> two.set(f.get("name").asText(), v));
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
                            value(other.get("inputTypes"), 0)
                                    .ifPresent(
                                            v -> without.set(other.get("name").asText(), v));
                        }
                    }
                    refusedLeaves.add(without);
                }
            }
            for (ObjectNode leaf : refusedLeaves) {
                constraints++;
                if (plan(at, leaf).isEmpty()) {
                    mismatch(
                            at,
                            ": Prisma refuses " + leaf + " (" + type.get("name").asText() + " " + c
                                    + "), Quarry accepts it");
                }
            }
        }

        /**
         * The position a field leads to, when its input object types are ones this comparison walks: under reads,
         * filters, nested filters and order inputs; under writes, every write input (each type once), not the where
         * inputs compared at the reads.
         */
        private Optional<Position> objectTypes(Position at, JsonNode parent, JsonNode field) {
            boolean write = at.call().write() != null;
            List<JsonNode> walked = new ArrayList<>();
            Set<String> shorthand = new TreeSet<>();
            if (at.path().size() >= (write ? MAX_WRITE_DEPTH : MAX_DEPTH)) {
                return Optional.empty();
            }
            for (JsonNode option : field.get("inputTypes")) {
                String name = option.get("type").asText();
                JsonNode type = inputTypes.get(name);
                if (type == null
                        || !option.get("location").asText().equals("inputObjectTypes")
                        || option.get("isList").asBoolean()) {
                    continue;
                }
                if (write) {
                    boolean whereInput = name.endsWith("WhereInput") && !name.endsWith("ScalarWhereInput")
                            || name.endsWith("WhereUniqueInput");
                    boolean filter = name.endsWith("Filter") || name.endsWith("RelationFilter");
                    if (!whereInput
                            && !filter
                            && !(at.path().size() > 0
                                    && parent.get("name").asText().endsWith("ScalarWhereInput"))) {
                        walked.add(type);
                    }
                } else if ((name.endsWith("Filter")
                                && (!name.contains("WithAggregates")
                                        || at.path().get(0).equals("having")))
                        || name.equals("SortOrderInput")
                        || name.endsWith("OrderByRelationAggregateInput")
                        || name.endsWith("OrderByRelevanceInput")
                        || (at.path().get(0).equals("orderBy") && name.endsWith("OrderByAggregateInput"))) {
                    walked.add(type);
                } else if (name.endsWith("WhereInput")) {
                    type.get("fields").forEach(f -> shorthand.add(f.get("name").asText()));
                }
            }
            if (write) {
                // each union once; kept whole, so what one of its types refuses and another takes is not counted
                // refused
                boolean seen = true;
                for (JsonNode t : walked) {
                    seen &= !walkedInWrites.add(t.get("name").asText());
                }
                if (seen) {
                    walked.clear();
                }
            }
            if (walked.isEmpty()) {
                return Optional.empty();
            }
            List<String> path = new ArrayList<>(at.path());
            path.add(field.get("name").asText());
            ObjectNode siblings = at.given().deepCopy();
            siblings.setAll(required(parent, field.get("name").asText()));
            ObjectNode base = at.args(siblings);
            return Optional.of(new Position(at.model(), at.call(), base, path, walked, shorthand));
        }

        /** The other required fields of {@code type} besides {@code except}, with valid values. */
        private ObjectNode required(JsonNode type, String except) {
            ObjectNode out = NODES.objectNode();
            for (JsonNode f : type.get("fields")) {
                if (f.get("isRequired").asBoolean() && !f.get("name").asText().equals(except)) {
                    value(f.get("inputTypes"), 0)
                            .ifPresent(v -> out.set(f.get("name").asText(), v));
                }
            }
            return out;
        }

        /** A valid value of one of a field's input types: a scalar or enum if it takes one, else an object. */
        private Optional<JsonNode> value(JsonNode options, int depth) {
            List<JsonNode> ordered = new ArrayList<>();
            options.forEach(o -> {
                if (!o.get("location").asText().equals("inputObjectTypes")
                        && !o.get("type").asText().equals("Null")) {
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
                    return Optional.of(
                            o.get("isList").asBoolean() ? NODES.arrayNode().add(one.get()) : one.get());
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
                    return Optional.ofNullable(enums.get(type))
                            .filter(v -> !v.isEmpty() && !type.equals("JsonNullValueFilter"))
                            .map(v -> NODES.textNode(v.get(0)));
                case "inputObjectTypes": {
                    JsonNode t = inputTypes.get(type);
                    if (t == null || depth > 2) {
                        return Optional.empty();
                    }
                    ObjectNode out = required(t, "");
                    JsonNode criteria = t.at("/constraints/fields");
                    if (criteria.isArray() && !criteria.isEmpty()) {
                        for (JsonNode f : t.get("fields")) {
                            if (f.get("name").asText().equals(criteria.get(0).asText())) {
                                value(f.get("inputTypes"), depth + 1)
                                        .ifPresent(v -> out.set(f.get("name").asText(), v));
                            }
                        }
                    } else if (out.isEmpty()
                            && t.get("constraints").path("minNumFields").asInt(0) >= 1) {
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
            ObjectNode args = at.args(leaf);
            try {
                if (at.call().write() != null) {
                    writes.plan(at.model(), WriteArgs.ofBody(at.call().write(), args));
                } else {
                    planner.plan(at.model(), ReadArgs.ofBody(at.call().read(), args));
                }
                return Optional.empty();
            } catch (QueryException e) {
                return Optional.of(e);
            }
        }
    }
}
