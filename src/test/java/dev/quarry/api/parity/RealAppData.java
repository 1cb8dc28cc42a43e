package dev.quarry.api.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic rows and writes for a real application's schema: the seed (createMany per model, parents first,
 * then the links of implicit many-to-many relations) and generated writes over the seeded rows. Every value a
 * database or client would make up (ids from cuid()/uuid(), now(), @updatedAt) is given, so that both sides store
 * the same.
 */
final class RealAppData {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The first ids are the ones {@link ArgsGenerator} looks up, so that findUnique finds rows. */
    private static final List<String> STRING_IDS = List.of("u1", "u2", "p1", "p3", "a", "b", "k1");

    private static final List<JsonNode> JSONS = List.of(
            NODES.objectNode()
                    .put("theme", "dark")
                    .put("n", 2)
                    .set("list", NODES.arrayNode().add(1).add("two").add(3)),
            NODES.objectNode().put("theme", "light").put("n", 4),
            NODES.arrayNode().add(1).add(2).add(3),
            NODES.textNode("Hello"),
            NODES.numberNode(7),
            NODES.objectNode().put("a", 1).set("list", NODES.arrayNode().add(1)),
            NODES.objectNode().put("theme", "dark").putNull("n"));

    record Call(String delegate, String operation, String args) {}

    private final Schema schema;
    private final Random random;
    private final ArgsGenerator values;
    private final Map<String, List<ObjectNode>> rows = new LinkedHashMap<>();

    RealAppData(Schema schema, long seed) {
        this.schema = schema;
        this.random = new Random(seed);
        this.values = new ArgsGenerator(schema, seed + 1);
    }

    List<Model> models() {
        return schema.models().stream()
                .filter(m -> !m.ignored() && !m.view() && m.primaryKey().isPresent())
                .toList();
    }

    static String delegate(Model m) {
        return Character.toLowerCase(m.name().charAt(0)) + m.name().substring(1);
    }

    /** About {@code total} rows through createMany, parents before children, then implicit many-to-many links. */
    List<Call> seed(int total) {
        List<Model> order = parentsFirst();
        int perModel = Math.max(4, total / order.size());
        List<Call> calls = new ArrayList<>();
        for (Model m : order) {
            List<ObjectNode> made = rows.computeIfAbsent(m.name(), k -> new ArrayList<>());
            ArrayNode data = NODES.arrayNode();
            for (int i = 0; i < perModel; i++) {
                ObjectNode row = row(m, i, "");
                if (row != null) {
                    made.add(row);
                    data.add(row);
                }
            }
            if (!data.isEmpty()) {
                ObjectNode args = NODES.objectNode();
                args.set("data", data);
                calls.add(new Call(delegate(m), "createMany", args.toString()));
            }
        }
        for (Model m : order) {
            for (RelationField r : implicitManyToMany(m)) {
                int side = m.name().compareTo(r.relatedModel());
                if (side > 0
                        || (side == 0 && r.name().compareTo(backRelation(m, r).name()) > 0)) {
                    continue; // each link table is filled from one side
                }
                List<ObjectNode> mine = rows.get(m.name());
                for (int i = 0; i < mine.size(); i += 2) {
                    ObjectNode args = NODES.objectNode();
                    args.set("where", identity(m, mine.get(i)));
                    ArrayNode connect =
                            args.putObject("data").putObject(r.name()).putArray("connect");
                    Model target = schema.model(r.relatedModel());
                    for (int k = 0; k < 2; k++) {
                        connect.add(identity(target, pick(rows.get(target.name()))));
                    }
                    calls.add(new Call(delegate(m), "update", args.toString()));
                }
            }
        }
        return calls;
    }

    /**
     * {@code count} writes over the seeded rows: create, createMany, update, upsert, updateMany, deleteMany,
     * delete.
     */
    List<ArgsGenerator.Case> writes(int count) {
        List<Model> models = models();
        List<ArgsGenerator.Case> out = new ArrayList<>();
        int n = 0;
        while (out.size() < count) {
            n++;
            Model m = pick(models);
            List<ObjectNode> existing = rows.get(m.name());
            int kind = random.nextInt(12);
            ObjectNode args = NODES.objectNode();
            String op;
            if (kind <= 2 || existing.isEmpty()) {
                op = "create";
                ObjectNode row = row(m, 1000 + n, "w" + n);
                if (row == null) {
                    continue;
                }
                args.set("data", kind == 2 ? checked(m, row) : row);
            } else if (kind == 3) {
                op = "createMany";
                ArrayNode data = args.putArray("data");
                for (int k = 0; k < 2; k++) {
                    ObjectNode row = random.nextBoolean()
                            ? row(m, 2000 + 2 * n + k, "m" + n)
                            : existing.get(random.nextInt(existing.size())).deepCopy();
                    if (row != null) {
                        data.add(row);
                    }
                }
                if (random.nextBoolean()) {
                    args.put("skipDuplicates", true);
                }
            } else if (kind <= 6) {
                op = "update";
                args.set("where", identity(m, pick(existing)));
                args.set("data", changes(m, n));
                List<RelationField> links = implicitManyToMany(m);
                if (!links.isEmpty() && random.nextBoolean()) {
                    RelationField r = pick(links);
                    Model target = schema.model(r.relatedModel());
                    args.with("data")
                            .putObject(r.name())
                            .putArray(pick(List.of("connect", "disconnect", "set")))
                            .add(identity(target, pick(rows.get(target.name()))));
                }
            } else if (kind == 7) {
                op = "upsert";
                ObjectNode row = row(m, 3000 + n, "s" + n);
                if (row == null) {
                    continue;
                }
                args.set("where", identity(m, random.nextBoolean() ? pick(existing) : row));
                args.set("create", row);
                args.set("update", changes(m, n));
            } else if (kind == 8) {
                op = "updateMany";
                args.set("where", values.where(m, 1, 1));
                args.set("data", changes(m, n));
            } else if (kind == 9) {
                op = "deleteMany";
                args.set("where", values.where(m, 1, 1));
            } else {
                op = "delete";
                args.set("where", identity(m, pick(existing)));
            }
            out.add(new ArgsGenerator.Case(m.name(), delegate(m), op, args.toString()));
        }
        return out;
    }

    /**
     * New values for one to three plain fields, and every @updatedAt field given (else each side takes its own
     * now()).
     */
    private ObjectNode changes(Model m, int n) {
        ObjectNode data = NODES.objectNode();
        List<ScalarField> plain = scalars(m).stream()
                .filter(f -> !foreignKeys(m).contains(f.name())
                        && !m.primaryKey().get().fieldNames().contains(f.name()))
                .toList();
        for (int k = 1 + random.nextInt(3); k > 0 && !plain.isEmpty(); k--) {
            ScalarField f = pick(plain);
            JsonNode v = f.isOptional() && random.nextInt(5) == 0 ? nullOf(f) : value(m, f, 4000 + n, "c" + n);
            boolean numeric = !f.isList()
                    && (f.type() == ScalarType.INT
                            || f.type() == ScalarType.FLOAT
                            || f.type() == ScalarType.DECIMAL
                            || f.type() == ScalarType.BIGINT);
            if (numeric && random.nextBoolean()) {
                data.putObject(f.name()).set(pick(List.of("increment", "decrement", "multiply")), values.value(f));
            } else if (f.isList() && random.nextBoolean()) {
                data.putObject(f.name()).set("push", values.value(f));
            } else if (f.type() != ScalarType.JSON && random.nextBoolean()) {
                data.putObject(f.name()).set("set", v);
            } else {
                data.set(f.name(), v);
            }
        }
        for (ScalarField f : scalars(m)) {
            if (f.updatedAt()) {
                data.put(f.name(), String.format("2025-03-%02dT09:00:00.000Z", 1 + n % 28));
            }
        }
        return data;
    }

    /** The row's relations written as connect instead of foreign key values, where every reference is one field. */
    private ObjectNode checked(Model m, ObjectNode row) {
        ObjectNode out = row.deepCopy();
        for (RelationField r : owning(m)) {
            if (r.fields().size() != 1 || foreignKeyShared(m, r)) {
                return row;
            }
            JsonNode v = row.get(r.fields().get(0));
            out.remove(r.fields().get(0));
            if (v != null && !v.isNull()) {
                out.putObject(r.name()).putObject("connect").set(r.references().get(0), v);
            }
        }
        return out;
    }

    private boolean foreignKeyShared(Model m, RelationField r) {
        return owning(m).stream()
                        .filter(o -> o != r)
                        .anyMatch(o -> o.fields().stream().anyMatch(r.fields()::contains))
                || m.primaryKey().get().fieldNames().stream().anyMatch(r.fields()::contains);
    }

    /**
     * One new row: foreign keys from existing rows, unique fields unique by {@code index}; null when no parent
     * fits.
     */
    private ObjectNode row(Model m, int index, String tag) {
        ObjectNode row = NODES.objectNode();
        Set<String> keys = foreignKeys(m);
        Set<String> unique = uniqueFields(m);
        for (ScalarField f : scalars(m)) {
            if (keys.contains(f.name())) {
                continue;
            }
            boolean autoincrement = f.defaultValue()
                    .filter(d ->
                            d instanceof DefaultValue.Function fn && fn.name().equals("autoincrement"))
                    .isPresent();
            if (autoincrement && !tag.isEmpty()) {
                continue;
            }
            if (unique.contains(f.name()) && uniqueByIndex(f)) {
                row.set(f.name(), uniqueValue(m, f, index, tag));
            } else if (f.isOptional() && !f.isList() && random.nextInt(4) == 0) {
                row.set(f.name(), nullOf(f));
            } else {
                row.set(f.name(), value(m, f, index, tag));
            }
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            if (parents(m, row)) {
                return row;
            }
        }
        return null;
    }

    /**
     * Sets the foreign keys; false when they break a unique made of foreign keys only (or no required parent
     * exists).
     */
    private boolean parents(Model m, ObjectNode row) {
        for (RelationField r : owning(m)) {
            List<ObjectNode> candidates = new ArrayList<>(rows.getOrDefault(r.relatedModel(), List.of()));
            candidates.removeIf(c -> {
                for (int i = 0; i < r.fields().size(); i++) {
                    JsonNode set = row.get(r.fields().get(i));
                    if (set != null
                            && !set.isNull()
                            && !set.equals(c.get(r.references().get(i)))) {
                        return true;
                    }
                }
                return false;
            });
            boolean optional =
                    r.fields().stream().allMatch(f -> m.scalarField(f).isOptional());
            if (candidates.isEmpty() || (optional && random.nextInt(4) == 0)) {
                if (!optional) {
                    return false;
                }
                r.fields().forEach(f -> row.putNull(f));
                continue;
            }
            ObjectNode parent = pick(candidates);
            for (int i = 0; i < r.fields().size(); i++) {
                row.set(r.fields().get(i), parent.get(r.references().get(i)));
            }
        }
        for (List<String> u : uniques(m)) {
            if (u.stream().allMatch(foreignKeys(m)::contains)) {
                for (ObjectNode other : rows.getOrDefault(m.name(), List.of())) {
                    if (u.stream().allMatch(f -> row.path(f).equals(other.path(f)))
                            && u.stream().noneMatch(f -> row.path(f).isNull())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean uniqueByIndex(ScalarField f) {
        return !f.isList()
                && (f.type() == ScalarType.STRING
                        || f.type() == ScalarType.INT
                        || f.type() == ScalarType.BIGINT
                        || f.type() == ScalarType.DATETIME
                        || f.type() == ScalarType.FLOAT
                        || f.type() == ScalarType.DECIMAL);
    }

    private JsonNode uniqueValue(Model m, ScalarField f, int index, String tag) {
        switch ((ScalarType) f.type()) {
            case STRING:
                if (isUuid(f)) {
                    return NODES.textNode(String.format("00000000-0000-4000-8000-%012d", index));
                }
                if (tag.isEmpty()
                        && m.primaryKey().get().fieldNames().contains(f.name())
                        && index < STRING_IDS.size()) {
                    return NODES.textNode(STRING_IDS.get(index));
                }
                return NODES.textNode(tag.isEmpty() ? f.name() + "-" + index : tag + "-" + f.name());
            case INT:
                return NODES.numberNode(index + 1);
            case BIGINT:
                return NODES.textNode(Integer.toString(index + 1));
            case DATETIME:
                return NODES.textNode(
                        String.format("2024-%02d-%02dT10:00:00.000Z", 1 + index / 28 % 12, 1 + index % 28));
            default:
                return NODES.numberNode(index + 0.5);
        }
    }

    private JsonNode value(Model m, ScalarField f, int index, String tag) {
        if (f.isList()) {
            ArrayNode list = NODES.arrayNode();
            for (int k = random.nextInt(3); k > 0; k--) {
                list.add(values.value(f));
            }
            return list;
        }
        if (f.type() == ScalarType.JSON) {
            return pick(JSONS).deepCopy();
        }
        if (f.type() == ScalarType.STRING && isUuid(f)) {
            return NODES.textNode(String.format("00000000-0000-4000-8000-%012d", index));
        }
        if (f.type() == ScalarType.DATETIME
                && f.nativeType().map(t -> t.name().equals("Date")).orElse(false)) {
            return NODES.textNode(String.format("2024-01-%02dT00:00:00.000Z", 1 + random.nextInt(28)));
        }
        return values.value(f);
    }

    private static JsonNode nullOf(ScalarField f) {
        return f.type() == ScalarType.JSON ? NODES.objectNode().put("$type", "DbNull") : NODES.nullNode();
    }

    private static boolean isUuid(ScalarField f) {
        return f.nativeType().map(n -> n.name().equals("Uuid")).orElse(false);
    }

    private ObjectNode identity(Model m, ObjectNode row) {
        List<String> id = m.primaryKey().get().fieldNames();
        ObjectNode where = NODES.objectNode();
        ObjectNode target = id.size() == 1
                ? where
                : where.putObject(m.primaryKey().get().name().orElse(String.join("_", id)));
        id.forEach(f -> target.set(f, row.path(f)));
        return where;
    }

    private List<Model> parentsFirst() {
        List<Model> left = new ArrayList<>(models());
        List<Model> order = new ArrayList<>();
        while (!left.isEmpty()) {
            Model next = left.stream()
                    .filter(m -> owning(m).stream()
                            .filter(r -> r.isRequired() && !r.relatedModel().equals(m.name()))
                            .allMatch(r -> order.stream().anyMatch(o -> o.name().equals(r.relatedModel()))))
                    .findFirst()
                    .orElse(left.get(0));
            left.remove(next);
            order.add(next);
        }
        return order;
    }

    private List<RelationField> owning(Model m) {
        return m.relationFields().stream()
                .filter(r -> !r.ignored() && !r.fields().isEmpty())
                .toList();
    }

    private List<RelationField> implicitManyToMany(Model m) {
        return m.relationFields().stream()
                .filter(r -> !r.ignored()
                        && r.isList()
                        && r.fields().isEmpty()
                        && schema.model(r.relatedModel())
                                .primaryKey()
                                .map(p -> p.fieldNames().size() == 1)
                                .orElse(false)
                        && m.primaryKey().get().fieldNames().size() == 1
                        && backRelation(m, r) != null
                        && backRelation(m, r).isList())
                .toList();
    }

    private RelationField backRelation(Model m, RelationField r) {
        return schema.model(r.relatedModel()).relationFields().stream()
                .filter(o -> o.relationName().equals(r.relationName()) && (o != r))
                .findFirst()
                .orElse(null);
    }

    private Set<String> foreignKeys(Model m) {
        Set<String> keys = new HashSet<>();
        owning(m).forEach(r -> keys.addAll(r.fields()));
        return keys;
    }

    private List<List<String>> uniques(Model m) {
        List<List<String>> out = new ArrayList<>();
        out.add(m.primaryKey().get().fieldNames());
        m.uniques().forEach(u -> out.add(u.fieldNames()));
        return out;
    }

    private Set<String> uniqueFields(Model m) {
        Set<String> out = new HashSet<>();
        uniques(m).forEach(out::addAll);
        return out;
    }

    private List<ScalarField> scalars(Model m) {
        return m.scalarFields().stream()
                .filter(f -> !f.ignored() && (f.type() instanceof ScalarType || f.type() instanceof FieldType.EnumRef))
                .toList();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
