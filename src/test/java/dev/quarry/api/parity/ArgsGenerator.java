package dev.quarry.api.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.validate.PreviewFeatures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Prisma read arguments over a schema, for comparing Quarry with Prisma Client. Every list read is fully
 * ordered (the identity fields last), so both sides must agree on the order too. LIKE patterns avoid {@code %} and
 * {@code _}: Prisma 7.10 does not escape them (a known difference, tested on its own).
 */
final class ArgsGenerator {

    record Case(String model, String delegate, String operation, String args) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TEXT = List.of(
            "",
            "Cat person",
            "light",
            "PostgreSQL",
            "big",
            "Nice",
            "a",
            "e",
            "ann",
            "Hello",
            "pure",
            "100",
            "o",
            "x",
            "Tech",
            "dark",
            "ben@example.com",
            "Ann",
            "HELLO");
    private static final List<Long> INTS = List.of(0L, 1L, 2L, 3L, 5L, 100L, -5L);
    private static final List<String> BIGINTS = List.of("0", "1", "7", "42", "123", "9007199254740993");
    private static final List<String> DECIMALS = List.of("0", "0.5", "1", "9.99", "19.9", "100.5");
    private static final List<Double> FLOATS = List.of(0.0, 1.0, 2.25, 4.5, 61.5, -3.25);
    private static final List<String> DATES = List.of(
            "2024-01-01T10:00:00.123Z",
            "2024-02-01T12:00:00.000Z",
            "2023-06-15T08:30:00Z",
            "2024-01-10T12:00:00+02:00",
            "2030-01-01T00:00:00.000Z",
            "1990-05-17T00:00:00.000Z");
    private static final List<String> BYTES = List.of("AP8Q", "3q2+7w==", "AQI=", "");

    private final Schema schema;
    private final Random random;

    ArgsGenerator(Schema schema, long seed) {
        this.schema = schema;
        this.random = new Random(seed);
    }

    private static final List<String> SEARCHES =
            List.of("ann", "cat & mat", "hello | world", "dark:*", "!cat", "postgresql", "ann & !ben");
    private static final List<JsonNode> JSON_ELEMENTS = List.of(
            NODES.numberNode(1),
            NODES.numberNode(3),
            NODES.textNode("two"),
            NODES.nullNode(),
            NODES.arrayNode().add(1).add(2),
            NODES.arrayNode().add(1),
            NODES.objectNode().put("a", 1));

    /**
     * Every full-text query as a {@code search} filter and as {@code _relevance} order (when the schema enables
     * fullTextSearchPostgres), and every Json array filter with every kind of element, on and off a path: not drawn
     * at random, so that each combination is compared once.
     */
    List<Case> targeted() {
        List<Case> out = new ArrayList<>();
        for (Model m : schema.models().stream()
                .filter(m -> !m.ignored() && m.primaryKey().isPresent())
                .toList()) {
            String delegate =
                    Character.toLowerCase(m.name().charAt(0)) + m.name().substring(1);
            List<ScalarField> texts = scalars(m).stream()
                    .filter(f -> f.type() == ScalarType.STRING
                            && !f.isList()
                            && !f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false))
                    .toList();
            if (PreviewFeatures.fullTextSearch(schema) && !texts.isEmpty()) {
                for (String search : SEARCHES) {
                    ScalarField f = texts.get(out.size() % texts.size());
                    ObjectNode filter = NODES.objectNode();
                    filter.putObject("where").putObject(f.name()).put("search", search);
                    idOrder(m, filter.putArray("orderBy"));
                    out.add(new Case(m.name(), delegate, "findMany", filter.toString()));
                    ObjectNode ranked = NODES.objectNode();
                    ArrayNode order = ranked.putArray("orderBy");
                    ObjectNode relevance = order.addObject().putObject("_relevance");
                    texts.stream()
                            .limit(2)
                            .forEach(t -> relevance.withArray("fields").add(t.name()));
                    relevance.put("search", search).put("sort", out.size() % 2 == 0 ? "asc" : "desc");
                    idOrder(m, order);
                    out.add(new Case(m.name(), delegate, "findMany", ranked.toString()));
                }
            }
            for (ScalarField json : scalars(m).stream()
                    .filter(f -> f.type() == ScalarType.JSON && !f.isList())
                    .toList()) {
                for (String op : List.of("array_starts_with", "array_ends_with", "array_contains")) {
                    for (JsonNode element : JSON_ELEMENTS) {
                        for (boolean onPath : List.of(false, true)) {
                            ObjectNode args = NODES.objectNode();
                            ObjectNode condition = args.putObject("where").putObject(json.name());
                            if (onPath) {
                                condition.putArray("path").add("list");
                            }
                            condition.set(op, element);
                            idOrder(m, args.putArray("orderBy"));
                            out.add(new Case(m.name(), delegate, "findMany", args.toString()));
                        }
                    }
                }
            }
        }
        out.addAll(negatedToOneFilters());
        return out;
    }

    /**
     * To-one filters whose condition is NULL on a related row with a NULL field, under a negation ({@code isNot},
     * {@code NOT}, {@code every}): where Prisma's LEFT JOIN keeps SQL's NULL and an EXISTS would not.
     */
    List<Case> negatedToOneFilters() {
        List<Case> out = new ArrayList<>();
        for (Model m : schema.models().stream()
                .filter(m -> !m.ignored() && m.primaryKey().isPresent())
                .toList()) {
            String delegate =
                    Character.toLowerCase(m.name().charAt(0)) + m.name().substring(1);
            for (RelationField r :
                    relations(m).stream().filter(r -> !r.isList()).toList()) {
                Model target = schema.findModel(r.relatedModel()).orElseThrow();
                for (ScalarField f : nullableComparable(target)) {
                    ObjectNode isNot = NODES.objectNode();
                    isNot.putObject(f.name()).set("not", value(f));
                    ObjectNode is = NODES.objectNode();
                    is.putObject(f.name()).set("gt", value(f));
                    ObjectNode notIn = NODES.objectNode();
                    notIn.putObject(f.name()).putArray("notIn").add(value(f));
                    for (ObjectNode where : List.of(
                            relation(r, "isNot", isNot),
                            relation(r, "isNot", notIn),
                            not(relation(r, "is", is)),
                            not(relation(r, "isNot", isNot)),
                            not(NODES.objectNode()
                                    .set(
                                            "OR",
                                            NODES.arrayNode()
                                                    .add(relation(r, "is", notIn))
                                                    .add(NODES.objectNode()
                                                            .putObject(f.name())
                                                            .put("equals", (String) null)))))) {
                        out.add(findManyWhere(m, delegate, where));
                    }
                }
            }
            for (RelationField many :
                    relations(m).stream().filter(RelationField::isList).toList()) {
                Model child = schema.findModel(many.relatedModel()).orElseThrow();
                for (RelationField r :
                        relations(child).stream().filter(r -> !r.isList()).toList()) {
                    Model target = schema.findModel(r.relatedModel()).orElseThrow();
                    nullableComparable(target).stream().findFirst().ifPresent(f -> {
                        ObjectNode not = NODES.objectNode();
                        not.putObject(f.name()).set("not", value(f));
                        out.add(findManyWhere(m, delegate, relation(many, "every", relation(r, "is", not))));
                        out.add(findManyWhere(m, delegate, relation(many, "none", relation(r, "isNot", not))));
                    });
                }
            }
        }
        return out;
    }

    private List<ScalarField> nullableComparable(Model m) {
        return scalars(m).stream()
                .filter(f ->
                        !f.isList() && !f.isRequired() && f.type() != ScalarType.JSON && f.type() != ScalarType.BYTES)
                .toList();
    }

    private static ObjectNode relation(RelationField r, String quantifier, ObjectNode inner) {
        ObjectNode where = NODES.objectNode();
        where.putObject(r.name()).set(quantifier, inner);
        return where;
    }

    private static ObjectNode not(ObjectNode inner) {
        ObjectNode where = NODES.objectNode();
        where.set("NOT", inner);
        return where;
    }

    private static Case findManyWhere(Model m, String delegate, ObjectNode where) {
        ObjectNode args = NODES.objectNode();
        args.set("where", where);
        idOrder(m, args.putArray("orderBy"));
        return new Case(m.name(), delegate, "findMany", args.toString());
    }

    private static void idOrder(Model m, ArrayNode order) {
        for (String id : m.primaryKey().get().fieldNames()) {
            order.addObject().put(id, "asc");
        }
    }

    List<Case> generate(int count) {
        List<Model> models = schema.models().stream()
                .filter(m -> !m.ignored() && m.primaryKey().isPresent())
                .toList();
        List<Case> out = new ArrayList<>();
        while (out.size() < count) {
            Model m = models.get(random.nextInt(models.size()));
            int kind = random.nextInt(10);
            String delegate =
                    Character.toLowerCase(m.name().charAt(0)) + m.name().substring(1);
            ObjectNode args;
            String op;
            if (kind < 5) {
                op = "findMany";
                args = findMany(m, 0);
            } else if (kind == 5) {
                op = "findFirst";
                args = findMany(m, 0);
                args.remove("cursor");
            } else if (kind == 6) {
                op = "count";
                args = NODES.objectNode();
                maybeWhere(m, args, 0);
                if (random.nextBoolean()) {
                    ObjectNode select = args.putObject("select");
                    select.put("_all", true);
                    select.put(pick(scalars(m)).name(), true);
                }
            } else if (kind == 7) {
                op = "aggregate";
                args = aggregate(m);
            } else if (kind == 8) {
                op = "groupBy";
                args = groupBy(m);
                if (args == null) {
                    continue;
                }
            } else {
                op = "findUnique";
                args = NODES.objectNode();
                ObjectNode where = args.putObject("where");
                List<ScalarField> id = m.primaryKey().get().fieldNames().stream()
                        .map(m::scalarField)
                        .toList();
                ObjectNode target = where;
                if (id.size() > 1) {
                    target = where.putObject(
                            String.join("_", m.primaryKey().get().fieldNames()));
                }
                for (ScalarField f : id) {
                    target.set(f.name(), idValue(f));
                }
                selection(m, args, 0);
            }
            out.add(new Case(m.name(), delegate, op, args.toString()));
        }
        return out;
    }

    private ObjectNode findMany(Model m, int depth) {
        ObjectNode args = NODES.objectNode();
        maybeWhere(m, args, depth);
        ArrayNode order = args.putArray("orderBy");
        if (random.nextInt(3) == 0) {
            ScalarField f = pick(sortable(m));
            ObjectNode o = order.addObject();
            if (f.isOptional() && random.nextBoolean()) {
                o.putObject(f.name()).put("sort", dir()).put("nulls", random.nextBoolean() ? "first" : "last");
            } else {
                o.put(f.name(), dir());
            }
        }
        List<RelationField> toOne =
                relations(m).stream().filter(r -> !r.isList()).toList();
        if (!toOne.isEmpty() && random.nextInt(5) == 0) {
            RelationField r = pick(toOne);
            Model target = schema.model(r.relatedModel());
            order.addObject().putObject(r.name()).put(pick(sortable(target)).name(), dir());
        }
        List<RelationField> toMany =
                relations(m).stream().filter(RelationField::isList).toList();
        if (!toMany.isEmpty() && random.nextInt(6) == 0) {
            order.addObject().putObject(pick(toMany).name()).put("_count", dir());
        }
        for (String id : m.primaryKey().get().fieldNames()) {
            order.addObject().put(id, dir());
        }
        if (random.nextInt(3) == 0) {
            args.put("take", random.nextInt(4) == 0 ? -(1 + random.nextInt(3)) : random.nextInt(4));
        }
        if (random.nextInt(4) == 0) {
            args.put("skip", random.nextInt(3));
        }
        if (depth == 0
                && random.nextInt(6) == 0
                && m.primaryKey().get().fieldNames().size() == 1) {
            ScalarField id = m.scalarField(m.primaryKey().get().fieldNames().get(0));
            args.putObject("cursor").set(id.name(), idValue(id));
        }
        if (random.nextInt(8) == 0) {
            String distinct = pick(sortable(m)).name();
            // a deliberate difference (README): with a cursor and a sort key that may be NULL, Prisma 7's in-memory
            // distinct also sees rows before the cursor, which its SQL let through for their NULLs
            if (!(args.has("cursor") && nullableOrder(m, order))) {
                args.putArray("distinct").add(distinct);
            }
        }
        selection(m, args, depth);
        return args;
    }

    private static boolean nullableOrder(Model m, ArrayNode order) {
        for (JsonNode item : order) {
            String name = item.fieldNames().next();
            if (m.findRelationField(name).isPresent()
                    || m.findScalarField(name).map(ScalarField::isOptional).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private void selection(Model m, ObjectNode args, int depth) {
        int mode = random.nextInt(4);
        List<RelationField> rels = relations(m);
        if (mode == 1 || (mode == 2 && rels.isEmpty())) {
            ObjectNode select = args.putObject("select");
            for (ScalarField f : scalars(m)) {
                if (random.nextBoolean()) {
                    select.put(f.name(), true);
                }
            }
            select.put(m.primaryKey().get().fieldNames().get(0), true);
            if (!rels.isEmpty() && depth < 2 && random.nextBoolean()) {
                nestedRelation(m, select, depth);
            }
        } else if (mode == 2 && depth < 2) {
            ObjectNode include = args.putObject("include");
            nestedRelation(m, include, depth);
            if (rels.stream().anyMatch(RelationField::isList) && random.nextInt(3) == 0) {
                include.put("_count", true);
            }
        } else if (mode == 3) {
            ScalarField f = pick(scalars(m));
            if (!m.primaryKey().get().fieldNames().contains(f.name())) {
                args.putObject("omit").put(f.name(), true);
            }
        }
    }

    private void nestedRelation(Model m, ObjectNode into, int depth) {
        List<RelationField> rels = relations(m);
        if (rels.isEmpty()) {
            return;
        }
        RelationField r = pick(rels);
        Model target = schema.model(r.relatedModel());
        if (r.isList()) {
            ObjectNode nested = findMany(target, depth + 1);
            nested.remove("cursor");
            into.set(r.name(), nested);
        } else if (random.nextBoolean()) {
            into.put(r.name(), true);
        } else {
            ObjectNode nested = NODES.objectNode();
            selection(target, nested, depth + 1);
            into.set(r.name(), nested);
        }
    }

    private void maybeWhere(Model m, ObjectNode args, int depth) {
        if (random.nextInt(4) != 0) {
            args.set("where", where(m, depth, 0));
        }
    }

    ObjectNode where(Model m, int depth, int nesting) {
        ObjectNode where = NODES.objectNode();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(12);
            if (kind == 0 && nesting < 2) {
                ArrayNode or = where.putArray(random.nextBoolean() ? "OR" : "AND");
                or.add(where(m, depth, nesting + 1));
                or.add(where(m, depth, nesting + 1));
            } else if (kind == 1 && nesting < 2) {
                if (random.nextBoolean()) {
                    where.set("NOT", where(m, depth, nesting + 1));
                } else {
                    where.putArray("NOT").add(where(m, depth, nesting + 1)).add(where(m, depth, nesting + 1));
                }
            } else if (kind <= 3 && depth < 2 && !relations(m).isEmpty()) {
                RelationField r = pick(relations(m));
                Model target = schema.model(r.relatedModel());
                if (r.isList()) {
                    where.putObject(r.name())
                            .set(pick(List.of("some", "every", "none")), where(target, depth + 1, nesting + 1));
                } else {
                    int form = random.nextInt(4);
                    if (form == 0 && r.isOptional()) {
                        where.putNull(r.name());
                    } else if (form == 1) {
                        where.set(r.name(), where(target, depth + 1, nesting + 1));
                    } else {
                        where.putObject(r.name())
                                .set(random.nextBoolean() ? "is" : "isNot", where(target, depth + 1, nesting + 1));
                    }
                }
            } else {
                ScalarField f = pick(filterable(m));
                where.set(f.name(), scalarFilter(f));
            }
        }
        return where;
    }

    private JsonNode scalarFilter(ScalarField f) {
        if (f.isList()) {
            ObjectNode o = NODES.objectNode();
            switch (random.nextInt(4)) {
                case 0:
                    o.set("has", value(f));
                    break;
                case 1:
                    o.putArray("hasSome").add(value(f)).add(value(f));
                    break;
                case 2:
                    o.putArray("hasEvery").add(value(f));
                    break;
                default:
                    o.put("isEmpty", random.nextBoolean());
            }
            return o;
        }
        if (f.type() == ScalarType.JSON) {
            ObjectNode o = NODES.objectNode();
            switch (random.nextInt(4)) {
                case 0:
                    o.putArray("path").add("theme");
                    o.put("equals", random.nextBoolean() ? "dark" : "light");
                    break;
                case 1:
                    o.putArray("path").add("n");
                    o.put(pick(List.of("gt", "gte", "lt", "lte")), random.nextInt(5));
                    break;
                case 2:
                    o.putObject("equals").put("$type", pick(List.of("DbNull", "JsonNull", "AnyNull")));
                    break;
                default:
                    o.putArray("path").add("theme");
                    o.put("string_contains", pick(List.of("ar", "li", "x")));
            }
            return o;
        }
        if (f.isOptional() && random.nextInt(6) == 0) {
            return random.nextBoolean() ? NODES.nullNode() : NODES.objectNode().set("not", NODES.nullNode());
        }
        List<String> ops = new ArrayList<>(List.of("equals", "not", "in", "notIn"));
        boolean text = f.type() == ScalarType.STRING;
        boolean ordered = text
                || f.type() == ScalarType.INT
                || f.type() == ScalarType.BIGINT
                || f.type() == ScalarType.FLOAT
                || f.type() == ScalarType.DECIMAL
                || f.type() == ScalarType.DATETIME;
        if (f.type() == ScalarType.BOOLEAN) {
            ops = new ArrayList<>(List.of("equals", "not"));
        }
        if (ordered) {
            ops.addAll(List.of("lt", "lte", "gt", "gte"));
        }
        if (text && !f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false)) {
            ops.addAll(List.of("contains", "startsWith", "endsWith", "contains", "startsWith"));
        }
        if (random.nextInt(5) == 0) {
            return value(f);
        }
        String op = pick(ops);
        ObjectNode o = NODES.objectNode();
        if (op.equals("in") || op.equals("notIn")) {
            ArrayNode a = o.putArray(op);
            int n = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                a.add(value(f));
            }
        } else if (op.equals("not") && random.nextBoolean() && ordered) {
            o.putObject("not").set(pick(List.of("lt", "gt", "equals")), value(f));
        } else {
            o.set(op, value(f));
        }
        if (text
                && random.nextInt(3) == 0
                && !f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false)
                && !op.equals("not")) {
            o.put("mode", "insensitive");
        }
        return o;
    }

    private ObjectNode aggregate(Model m) {
        ObjectNode args = NODES.objectNode();
        maybeWhere(m, args, 0);
        if (random.nextBoolean()) {
            args.put("_count", true);
        } else {
            args.putObject("_count").put("_all", true).put(pick(scalars(m)).name(), true);
        }
        List<ScalarField> numeric =
                scalars(m).stream().filter(f -> !f.isList() && isNumeric(f)).toList();
        if (!numeric.isEmpty()) {
            args.putObject("_avg").put(pick(numeric).name(), true);
            args.putObject("_sum").put(pick(numeric).name(), true);
        }
        List<ScalarField> minMax = scalars(m).stream()
                .filter(f -> !f.isList()
                        && f.type() != ScalarType.JSON
                        && f.type() != ScalarType.BYTES
                        && f.type() != ScalarType.BOOLEAN)
                .toList();
        args.putObject("_min").put(pick(minMax).name(), true);
        args.putObject("_max").put(pick(minMax).name(), true);
        return args;
    }

    private ObjectNode groupBy(Model m) {
        List<ScalarField> groupable = scalars(m).stream()
                .filter(f -> !f.isList()
                        && (f.type() instanceof FieldType.EnumRef
                                || f.type() == ScalarType.BOOLEAN
                                || f.type() == ScalarType.STRING
                                || f.type() == ScalarType.INT))
                .toList();
        if (groupable.isEmpty()) {
            return null;
        }
        ObjectNode args = NODES.objectNode();
        ScalarField by = pick(groupable);
        args.putArray("by").add(by.name());
        maybeWhere(m, args, 0);
        args.putObject("_count").put("_all", true);
        List<ScalarField> numeric =
                scalars(m).stream().filter(f -> !f.isList() && isNumeric(f)).toList();
        if (!numeric.isEmpty()) {
            args.putObject("_sum").put(pick(numeric).name(), true);
            if (random.nextBoolean()) {
                args.putObject("having")
                        .putObject(pick(numeric).name())
                        .putObject("_sum")
                        .put("gte", 1);
            }
        }
        args.putArray("orderBy").addObject().put(by.name(), dir());
        return args;
    }

    private JsonNode idValue(ScalarField f) {
        if (f.type() == ScalarType.INT) {
            return NODES.numberNode(1 + random.nextInt(5));
        }
        if (f.type() == ScalarType.BIGINT) {
            return NODES.textNode(pick(List.of("1", "2", "3", "9007199254740993")));
        }
        if (f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false)) {
            return NODES.textNode(
                    pick(List.of("11111111-1111-1111-1111-111111111111", "33333333-3333-3333-3333-333333333333")));
        }
        return NODES.textNode(pick(List.of("u1", "u2", "p1", "p3", "a", "b", "k1", "zzz")));
    }

    JsonNode value(ScalarField f) {
        if (f.type() instanceof FieldType.EnumRef e) {
            EnumType type = schema.findEnum(e.enumName()).orElseThrow();
            return NODES.textNode(pick(type.values()).name());
        }
        switch ((ScalarType) f.type()) {
            case STRING:
                if (f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false)) {
                    return NODES.textNode("11111111-1111-1111-1111-111111111111");
                }
                return NODES.textNode(pick(TEXT));
            case INT:
                return NODES.numberNode(pick(INTS));
            case BIGINT:
                return NODES.textNode(pick(BIGINTS));
            case FLOAT:
                return NODES.numberNode(pick(FLOATS));
            case DECIMAL:
                return NODES.numberNode(new BigDecimal(pick(DECIMALS)));
            case BOOLEAN:
                return NODES.booleanNode(random.nextBoolean());
            case DATETIME:
                return NODES.textNode(pick(DATES));
            case BYTES:
                return NODES.textNode(pick(BYTES));
            default:
                return NODES.textNode("x");
        }
    }

    private List<ScalarField> scalars(Model m) {
        return m.scalarFields().stream()
                .filter(f -> !f.ignored() && (f.type() instanceof ScalarType || f.type() instanceof FieldType.EnumRef))
                .toList();
    }

    private List<ScalarField> filterable(Model m) {
        return scalars(m);
    }

    private List<ScalarField> sortable(Model m) {
        return scalars(m).stream()
                .filter(f -> !f.isList() && f.type() != ScalarType.JSON)
                .toList();
    }

    private List<RelationField> relations(Model m) {
        return m.relationFields().stream().filter(r -> !r.ignored()).toList();
    }

    private static boolean isNumeric(ScalarField f) {
        return f.type() == ScalarType.INT
                || f.type() == ScalarType.BIGINT
                || f.type() == ScalarType.FLOAT
                || f.type() == ScalarType.DECIMAL;
    }

    private String dir() {
        return random.nextBoolean() ? "asc" : "desc";
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
