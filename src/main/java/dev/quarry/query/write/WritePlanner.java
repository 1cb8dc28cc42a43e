package dev.quarry.query.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.ids.IdGenerators;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.QueryException;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.plan.RequestBudget;
import dev.quarry.query.plan.Resolver;
import dev.quarry.query.plan.Value;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The entry point of write planning: unresolved {@link WriteArgs} of one model → a {@link WritePlan}, or a
 * {@code QueryException}. Everything a client can get wrong is found here, before any statement runs.
 */
public final class WritePlanner {

    // relationLoadStrategy: Prisma takes it on the writes that answer one record; it chooses nothing here
    private static final List<String> SHAPE_ARGS = List.of("select", "include", "omit", "relationLoadStrategy");
    private static final List<String> CREATE_ARGS =
            List.of("data", "select", "include", "omit", "relationLoadStrategy");
    private static final List<String> CREATE_MANY_ARGS = List.of("data", "skipDuplicates");
    private static final List<String> CREATE_MANY_AND_RETURN_ARGS =
            List.of("data", "skipDuplicates", "select", "include", "omit");
    private static final List<String> UPDATE_ARGS =
            List.of("where", "data", "select", "include", "omit", "relationLoadStrategy");
    private static final List<String> UPDATE_MANY_ARGS = List.of("where", "data", "limit");
    private static final List<String> UPDATE_MANY_AND_RETURN_ARGS =
            List.of("where", "data", "limit", "select", "include", "omit");
    private static final List<String> UPSERT_ARGS =
            List.of("where", "create", "update", "select", "include", "omit", "relationLoadStrategy");
    private static final List<String> DELETE_ARGS =
            List.of("where", "select", "include", "omit", "relationLoadStrategy");
    private static final List<String> DELETE_MANY_ARGS = List.of("where", "limit");
    private static final List<String> NUMBER_OPS = List.of("set", "increment", "decrement", "multiply", "divide");
    private static final List<String> LIST_OPS = List.of("set", "push");

    private final Schema schema;
    private final Limits limits;
    private final Resolver resolver;
    private final QueryPlanner reads;
    private final ReadableFields readable;

    /** For a request that sets no role. */
    public WritePlanner(Schema schema, Limits limits) {
        this(schema, limits, ReadableFields.all());
    }

    /** @param readable what the request's role reads: the default shape of the answer */
    public WritePlanner(Schema schema, Limits limits, ReadableFields readable) {
        this.schema = schema;
        this.limits = limits;
        this.resolver = new Resolver(schema, limits);
        this.reads = new QueryPlanner(schema, limits, readable);
        this.readable = readable;
    }

    public Resolver resolver() {
        return resolver;
    }

    public ReadableFields readable() {
        return readable;
    }

    public WritePlan plan(Model model, WriteArgs args) {
        ObjectNode a = args.args();
        RequestBudget.check(a, args::origin, limits);
        switch (args.operation()) {
            case CREATE: {
                checkKeys(a, CREATE_ARGS, args);
                return new WritePlan.Create(model, createData(model, a, args), shape(model, args));
            }
            case CREATE_MANY:
            case CREATE_MANY_AND_RETURN: {
                boolean returning = args.operation() == WriteOperation.CREATE_MANY_AND_RETURN;
                checkKeys(a, returning ? CREATE_MANY_AND_RETURN_ARGS : CREATE_MANY_ARGS, args);
                List<RecordCreate> records =
                        createMany(model, required(a, "data", args), args.origin("data"), Optional.empty());
                boolean skip = flag(a.get("skipDuplicates"), args.origin("skipDuplicates"));
                return new WritePlan.CreateMany(
                        model, records, skip, returning ? Optional.of(shape(model, args)) : Optional.empty());
            }
            case UPDATE: {
                checkKeys(a, UPDATE_ARGS, args);
                Filter where = resolver.whereUnique(model, required(a, "where", args), args.origin("where"));
                RecordUpdate data =
                        update(model, required(a, "data", args), args.origin("data"), Optional.empty(), false);
                return new WritePlan.Update(model, where, data, shape(model, args), args.ifMatch());
            }
            case UPDATE_MANY:
            case UPDATE_MANY_AND_RETURN: {
                boolean returning = args.operation() == WriteOperation.UPDATE_MANY_AND_RETURN;
                checkKeys(a, returning ? UPDATE_MANY_AND_RETURN_ARGS : UPDATE_MANY_ARGS, args);
                Filter where =
                        present(a, "where") ? resolver.where(model, a.get("where"), args.origin("where")) : Filter.TRUE;
                RecordUpdate data =
                        update(model, required(a, "data", args), args.origin("data"), Optional.empty(), true);
                return new WritePlan.UpdateMany(
                        model,
                        where,
                        data,
                        limit(a, args),
                        returning ? Optional.of(shape(model, args)) : Optional.empty());
            }
            case UPSERT: {
                checkKeys(a, UPSERT_ARGS, args);
                Filter where = resolver.whereUnique(model, required(a, "where", args), args.origin("where"));
                RecordCreate create =
                        create(model, required(a, "create", args), args.origin("create"), Optional.empty());
                RecordUpdate update =
                        update(model, required(a, "update", args), args.origin("update"), Optional.empty(), false);
                return new WritePlan.Upsert(model, where, create, update, shape(model, args), args.ifMatch());
            }
            case DELETE: {
                checkKeys(a, DELETE_ARGS, args);
                Filter where = resolver.whereUnique(model, required(a, "where", args), args.origin("where"));
                return new WritePlan.Delete(model, where, shape(model, args), args.ifMatch());
            }
            case DELETE_MANY: {
                checkKeys(a, DELETE_MANY_ARGS, args);
                Filter where =
                        present(a, "where") ? resolver.where(model, a.get("where"), args.origin("where")) : Filter.TRUE;
                return new WritePlan.DeleteMany(model, where, limit(a, args));
            }
            default:
                throw new IllegalStateException("no plan for " + args.operation());
        }
    }

    // --- arguments -------------------------------------------------------------------------------

    private static boolean present(JsonNode args, String key) {
        return args.has(key) && !args.get(key).isNull();
    }

    private static JsonNode required(ObjectNode a, String key, WriteArgs args) {
        if (!present(a, key)) {
            throw QueryErrors.missingArgument(args.origin(key), "argument " + key, List.of(key));
        }
        return a.get(key);
    }

    /**
     * Prisma's create takes no data when the model needs none: every field optional or with a default. A required
     * {@code @updatedAt} field without one counts as needed, as Prisma's query schema has it (its value is set all
     * the same when data is given).
     */
    private RecordCreate createData(Model model, ObjectNode a, WriteArgs args) {
        if (present(a, "data")) {
            return create(model, a.get("data"), args.origin("data"), Optional.empty());
        }
        boolean requiredUpdatedAt = model.scalarFields().stream()
                .anyMatch(f -> f.updatedAt()
                        && f.arity() == Arity.REQUIRED
                        && f.defaultValue().isEmpty());
        if (requiredUpdatedAt) {
            throw QueryErrors.missingArgument(args.origin("data"), "argument data", List.of("data"));
        }
        try {
            return create(model, JsonNodeFactory.instance.objectNode(), args.origin("data"), Optional.empty());
        } catch (QueryException e) {
            if (e.error().code() == ErrorCode.MISSING_VALUE) {
                throw QueryErrors.missingArgument(args.origin("data"), "argument data", List.of("data"));
            }
            throw e;
        }
    }

    private static void checkKeys(ObjectNode a, List<String> allowed, WriteArgs args) {
        Iterator<String> names = a.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw QueryErrors.unknownArgument(args.origin(name), name, allowed);
            }
        }
    }

    private static void checkKeys(JsonNode node, List<String> allowed, ArgPath at) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw QueryErrors.unknownArgument(at.key(name), name, allowed);
            }
        }
    }

    private static boolean flag(JsonNode v, ArgPath at) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (at.textValues()
                && v.isTextual()
                && (v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw QueryErrors.wrongType(at, "true or false");
    }

    private static OptionalLong limit(ObjectNode a, WriteArgs args) {
        if (!present(a, "limit")) {
            return OptionalLong.empty();
        }
        JsonNode v = a.get("limit");
        ArgPath at = args.origin("limit");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw QueryErrors.wrongType(at, "a whole number, 0 or more");
        }
        return OptionalLong.of(v.longValue());
    }

    /**
     * The select/include/omit of a write, checked now by the read planner so a bad one fails before anything is
     * written.
     */
    private ReadShape shape(Model model, WriteArgs args) {
        ObjectNode shape = JsonNodeFactory.instance.objectNode();
        Map<String, ArgPath> origins = new HashMap<>();
        for (String key : SHAPE_ARGS) {
            if (args.args().has(key)) {
                shape.set(key, args.args().get(key));
                origins.put(key, args.origin(key));
            }
        }
        reads.plan(model, new ReadArgs(Operation.FIND_FIRST, shape, origins));
        return new ReadShape(shape, origins);
    }

    private static List<JsonNode> items(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    private static ArgPath itemAt(JsonNode v, ArgPath at, int i) {
        return v.isArray() ? at.index(i) : at;
    }

    // --- create ----------------------------------------------------------------------------------

    /**
     * One record of a bulk import: the {@code data} of a top-level create of scalar fields, checked and completed
     * (client-side defaults, {@code @updatedAt}) exactly as a create's, without nested writes.
     */
    public RecordCreate createRow(Model model, JsonNode data, ArgPath at) {
        RecordCreate record = create(model, data, at, Optional.empty());
        if (!record.relations().isEmpty()) {
            throw QueryErrors.invalid(
                    at, "a bulk import takes no nested writes; set the foreign key fields instead", List.of());
        }
        return record;
    }

    List<RecordCreate> createMany(Model model, JsonNode data, ArgPath at, Optional<Hop> parent) {
        if (!data.isArray() && !data.isObject()) {
            throw QueryErrors.wrongType(at, "an object or an array of objects (" + model.name() + "CreateManyInput)");
        }
        List<RecordCreate> out = new ArrayList<>();
        List<JsonNode> items = items(data);
        for (int i = 0; i < items.size(); i++) {
            RecordCreate record = create(model, items.get(i), itemAt(data, at, i), parent);
            if (!record.relations().isEmpty()) {
                throw QueryErrors.invalid(
                        itemAt(data, at, i),
                        "createMany takes no nested writes; set the foreign key fields instead",
                        List.of());
            }
            out.add(record);
        }
        return out;
    }

    /**
     * A create's {@code data}. {@code parent} is the hop by which a nested create is reached: the relation back to
     * the parent and its foreign key are set by the parent, so they may not be written here.
     */
    RecordCreate create(Model model, JsonNode data, ArgPath at, Optional<Hop> parent) {
        if (model.view()) {
            throw QueryErrors.invalid(at, model.name() + " is a view; views are read-only", List.of());
        }
        if (!data.isObject()) {
            throw QueryErrors.wrongType(at, "an object of field values (" + model.name() + "CreateInput)");
        }
        Set<String> excluded = excludedByParent(model, parent);
        Map<String, Assign> scalars = new LinkedHashMap<>();
        List<RelationWrite> relations = new ArrayList<>();
        Set<String> relationObjects = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            ArgPath here = at.key(key);
            Object field = field(model, key, excluded, here);
            if (field instanceof ScalarField scalar) {
                scalars.put(key, createValue(model, scalar, e.getValue(), here));
            } else {
                RelationField relation = (RelationField) field;
                relationObjects.add(relation.name());
                relations.addAll(relationWrites(model, relation, e.getValue(), here, false));
            }
        }
        Set<String> fromRelations = new HashSet<>();
        for (RelationField rf : resolver.visibleRelations(model)) {
            List<String> fk = foreignKeyOf(model, rf);
            if (fk.isEmpty()) {
                continue;
            }
            boolean scalarGiven = fk.stream().anyMatch(scalars::containsKey);
            if (relationObjects.contains(rf.name())) {
                if (scalarGiven) {
                    throw QueryErrors.conflicting(
                            at.key(rf.name()),
                            "Set either the relation " + rf.name() + " or its foreign key " + fk + ", not both");
                }
                fromRelations.addAll(fk);
            } else if (!scalarGiven
                    && rf.isRequired()
                    && !excluded.contains(rf.name())
                    && fk.stream()
                            .allMatch(f -> model.scalarField(f).defaultValue().isEmpty())) {
                List<String> alternatives = new ArrayList<>(List.of(rf.name()));
                alternatives.addAll(fk);
                throw WriteErrors.missing(at.key(rf.name()), model.name(), rf.name(), alternatives);
            }
        }
        for (ScalarField f : resolver.visibleScalars(model)) {
            if (scalars.containsKey(f.name()) || excluded.contains(f.name()) || fromRelations.contains(f.name())) {
                continue;
            }
            if (f.defaultValue().isPresent()) {
                if (f.defaultValue().get() instanceof DefaultValue.Function fn && fn.generatedByClient()) {
                    String generated = IdGenerators.generate(fn);
                    scalars.put(
                            f.name(),
                            new Assign.Set(
                                    f, resolver.value(f, TextNode.valueOf(generated), ArgPath.ofText("default"))));
                }
            } else if (f.updatedAt()) {
                scalars.put(f.name(), new Assign.Set(f, now(f)));
            } else if (f.isRequired()) {
                throw WriteErrors.missing(at.key(f.name()), model.name(), f.name(), List.of(f.name()));
            }
        }
        RuleChecks.checkModel(model, data, at);
        return new RecordCreate(model, List.copyOf(scalars.values()), relations);
    }

    private Value now(ScalarField f) {
        String text = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        return resolver.value(f, TextNode.valueOf(text), ArgPath.ofText("updatedAt"));
    }

    /** The foreign key fields {@code model} holds for relation field {@code rf}; empty when it holds none. */
    private List<String> foreignKeyOf(Model model, RelationField rf) {
        Hop hop = resolver.hop(model, rf);
        return hop.fromHoldsForeignKey() ? hop.relation().referencingScalars() : List.of();
    }

    /** The relation field back to the parent, and the foreign key fields the parent sets. */
    private Set<String> excludedByParent(Model model, Optional<Hop> parent) {
        Set<String> out = new HashSet<>();
        if (parent.isEmpty()) {
            return out;
        }
        Hop hop = parent.get();
        inverse(hop).ifPresent(f -> out.add(f.name()));
        if (!hop.fromHoldsForeignKey() && hop.relation().kind() != Relation.Kind.MANY_TO_MANY) {
            out.addAll(hop.relation().referencingScalars());
        }
        return out;
    }

    /** The relation field on {@code hop.to()} that leads back to {@code hop.from()}. */
    public Optional<RelationField> inverse(Hop hop) {
        Relation r = hop.relation();
        boolean fromIsReferencing = r.referencingModel().equals(hop.from().name())
                && r.referencingField().filter(hop.field().name()::equals).isPresent();
        Optional<String> name = fromIsReferencing ? r.referencedField() : r.referencingField();
        return name.flatMap(n -> hop.to().findRelationField(n));
    }

    private Object field(Model model, String key, Set<String> excluded, ArgPath at) {
        if (!excluded.contains(key)) {
            for (ScalarField f : resolver.visibleScalars(model)) {
                if (f.name().equals(key)) {
                    return f;
                }
            }
            for (RelationField f : resolver.visibleRelations(model)) {
                if (f.name().equals(key)) {
                    return f;
                }
            }
        }
        List<String> allowed = resolver.fieldNames(model).stream()
                .filter(n -> !excluded.contains(n))
                .toList();
        throw QueryErrors.unknownField(at, model.name(), key, allowed);
    }

    private Assign createValue(Model model, ScalarField f, JsonNode v, ArgPath at) {
        if (f.isList()) {
            JsonNode list = v.isObject() && v.size() == 1 && v.has("set") ? v.get("set") : v;
            ArgPath listAt = list == v ? at : at.key("set");
            if (list.isNull()) {
                throw WriteErrors.nullValue(listAt, model.name(), f.name());
            }
            return new Assign.Set(f, resolver.list(f, list, listAt));
        }
        if (f.type() == ScalarType.JSON) {
            Optional<String> marker = jsonNullMarker(v);
            if (marker.isPresent()) {
                if (marker.get().equals("JsonNull")) {
                    return new Assign.Set(f, new Value.One(f, "null"));
                }
                if (f.isRequired()) {
                    throw WriteErrors.nullValue(at, model.name(), f.name());
                }
                return new Assign.SetNull(f);
            }
            if (v.isNull()) {
                // Prisma 7 writes a plain null to a Json field, required or optional, as a JSON null
                return new Assign.Set(f, new Value.One(f, "null"));
            }
            return new Assign.Set(f, resolver.value(f, v, at));
        }
        if (v.isNull()) {
            if (f.isRequired()) {
                throw WriteErrors.nullValue(at, model.name(), f.name());
            }
            return new Assign.SetNull(f);
        }
        Value value = resolver.value(f, v, at);
        RuleChecks.checkField(model, f, v, at);
        return new Assign.Set(f, value);
    }

    private static Optional<String> jsonNullMarker(JsonNode v) {
        if (v.isObject() && v.size() == 1 && v.has("$type") && v.get("$type").isTextual()) {
            String t = v.get("$type").textValue();
            if (t.equals("DbNull") || t.equals("JsonNull")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    // --- update ----------------------------------------------------------------------------------

    /** An update's {@code data}; {@code scalarsOnly} for updateMany, which takes no nested writes. */
    RecordUpdate update(Model model, JsonNode data, ArgPath at, Optional<Hop> parent, boolean scalarsOnly) {
        if (model.view()) {
            throw QueryErrors.invalid(at, model.name() + " is a view; views are read-only", List.of());
        }
        if (!data.isObject()) {
            throw QueryErrors.wrongType(at, "an object of field changes (" + model.name() + "UpdateInput)");
        }
        Set<String> excluded = excludedByParent(model, parent);
        if (scalarsOnly) {
            resolver.visibleRelations(model).forEach(r -> excluded.add(r.name()));
        }
        Map<String, Assign> scalars = new LinkedHashMap<>();
        List<RelationWrite> relations = new ArrayList<>();
        Set<String> relationObjects = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = at.key(e.getKey());
            Object field = field(model, e.getKey(), excluded, here);
            if (field instanceof ScalarField scalar) {
                scalars.put(scalar.name(), updateValue(model, scalar, e.getValue(), here));
            } else {
                RelationField relation = (RelationField) field;
                relationObjects.add(relation.name());
                relations.addAll(relationWrites(model, relation, e.getValue(), here, true));
            }
        }
        for (String name : relationObjects) {
            List<String> fk = foreignKeyOf(model, model.findRelationField(name).orElseThrow());
            if (fk.stream().anyMatch(scalars::containsKey)) {
                throw QueryErrors.conflicting(
                        at.key(name), "Set either the relation " + name + " or its foreign key " + fk + ", not both");
            }
        }
        for (ScalarField f : resolver.visibleScalars(model)) {
            if (f.updatedAt() && !scalars.containsKey(f.name())) {
                scalars.put(f.name(), new Assign.Set(f, now(f)));
            }
        }
        RuleChecks.checkModel(model, data, at);
        return new RecordUpdate(model, List.copyOf(scalars.values()), relations);
    }

    private Assign updateValue(Model model, ScalarField f, JsonNode v, ArgPath at) {
        if (f.isList() && v.isObject()) {
            checkOneOf(v, LIST_OPS, at);
            if (v.has("push")) {
                JsonNode push = v.get("push");
                ArgPath pushAt = at.key("push");
                if (push.isNull()) {
                    throw WriteErrors.nullValue(pushAt, model.name(), f.name());
                }
                JsonNode list = push.isArray()
                        ? push
                        : JsonNodeFactory.instance.arrayNode().add(push);
                return new Assign.Push(f, resolver.list(f, list, pushAt));
            }
            return createValue(model, f, v, at);
        }
        boolean numeric = f.type() == ScalarType.INT
                || f.type() == ScalarType.BIGINT
                || f.type() == ScalarType.FLOAT
                || f.type() == ScalarType.DECIMAL;
        if (v.isObject() && f.type() != ScalarType.JSON) {
            checkOneOf(v, numeric ? NUMBER_OPS : List.of("set"), at);
            String op = v.fieldNames().next();
            JsonNode operand = v.get(op);
            ArgPath opAt = at.key(op);
            if (op.equals("set")) {
                return createValue(model, f, operand, opAt);
            }
            if (operand.isNull()) {
                throw WriteErrors.nullValue(opAt, model.name(), f.name());
            }
            Assign.Arithmetic arithmetic = Assign.Arithmetic.valueOf(op.toUpperCase(Locale.ROOT));
            return new Assign.Compute(f, arithmetic, resolver.value(f, operand, opAt));
        }
        return createValue(model, f, v, at);
    }

    private static void checkOneOf(JsonNode v, List<String> allowed, ArgPath at) {
        if (v.size() != 1) {
            throw QueryErrors.invalid(at, "Expected exactly one operation of " + allowed, allowed);
        }
        String op = v.fieldNames().next();
        if (!allowed.contains(op)) {
            throw QueryErrors.unknownOperator(at.key(op), op, "this field", allowed);
        }
    }

    // --- nested writes ---------------------------------------------------------------------------

    private List<RelationWrite> relationWrites(
            Model model, RelationField rf, JsonNode v, ArgPath at, boolean inUpdate) {
        Hop hop = resolver.hop(model, rf);
        Model to = hop.to();
        boolean toMany = rf.isList();
        boolean manyToMany = hop.relation().kind() == Relation.Kind.MANY_TO_MANY;
        List<String> allowed = new ArrayList<>(List.of("create", "connectOrCreate", "connect"));
        if (toMany && !manyToMany) {
            allowed.add("createMany");
        }
        if (inUpdate) {
            if (toMany) {
                allowed.addAll(List.of("set", "disconnect", "delete", "update", "updateMany", "deleteMany", "upsert"));
            } else {
                allowed.addAll(List.of("upsert", "update"));
                if (!rf.isRequired()) {
                    allowed.addAll(List.of("disconnect", "delete"));
                }
            }
        }
        if (!v.isObject()) {
            throw QueryErrors.wrongType(at, "an object of nested writes " + allowed);
        }
        checkKeys(v, allowed, at);
        if (!toMany
                && hop.fromHoldsForeignKey()
                && countOf(v, List.of("create", "connect", "connectOrCreate", "disconnect", "delete")) > 1) {
            throw QueryErrors.conflicting(
                    at, "A to-one relation takes one of create, connect, connectOrCreate, disconnect, delete");
        }
        List<RelationWrite> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String op = e.getKey();
            JsonNode arg = e.getValue();
            ArgPath here = at.key(op);
            if (arg.isNull()) {
                throw QueryErrors.wrongType(here, "a value, not null");
            }
            if (!toMany && arg.isArray()) {
                throw QueryErrors.wrongType(here, "an object (a to-one relation takes one record)");
            }
            List<JsonNode> items = items(arg);
            switch (op) {
                case "create": {
                    List<RecordCreate> records = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        records.add(create(to, items.get(i), itemAt(arg, here, i), Optional.of(hop)));
                    }
                    out.add(new RelationWrite.Create(hop, records));
                    break;
                }
                case "createMany": {
                    if (!arg.isObject()) {
                        throw QueryErrors.wrongType(here, "{\"data\": [...], \"skipDuplicates\": false}");
                    }
                    checkKeys(arg, List.of("data", "skipDuplicates"), here);
                    if (!present(arg, "data")) {
                        throw QueryErrors.missingArgument(here.key("data"), "argument data", List.of("data"));
                    }
                    List<RecordCreate> records = createMany(to, arg.get("data"), here.key("data"), Optional.of(hop));
                    out.add(new RelationWrite.CreateMany(
                            hop, records, flag(arg.get("skipDuplicates"), here.key("skipDuplicates"))));
                    break;
                }
                case "connect":
                    out.add(new RelationWrite.Connect(hop, uniques(to, arg, here)));
                    break;
                case "set":
                    out.add(new RelationWrite.Set(hop, uniques(to, arg, here)));
                    break;
                case "connectOrCreate": {
                    List<RelationWrite.WhereCreate> list = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        ArgPath itemAt = itemAt(arg, here, i);
                        requireObject(item, itemAt, List.of("where", "create"));
                        Filter where = resolver.whereUnique(to, item.get("where"), itemAt.key("where"));
                        list.add(new RelationWrite.WhereCreate(
                                where, create(to, item.get("create"), itemAt.key("create"), Optional.of(hop))));
                    }
                    out.add(new RelationWrite.ConnectOrCreate(hop, list));
                    break;
                }
                case "disconnect":
                case "delete": {
                    List<Filter> targets;
                    if (toMany) {
                        targets = uniques(to, arg, here);
                    } else if (arg.isBoolean()) {
                        targets = arg.booleanValue() ? List.of(Filter.TRUE) : List.of();
                    } else {
                        targets = List.of(resolver.where(to, arg, here));
                    }
                    if (!targets.isEmpty()) {
                        out.add(
                                op.equals("delete")
                                        ? new RelationWrite.Delete(hop, targets)
                                        : new RelationWrite.Disconnect(hop, targets));
                    }
                    break;
                }
                case "update":
                case "updateMany": {
                    List<RelationWrite.WhereUpdate> list = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        ArgPath itemAt = itemAt(arg, here, i);
                        if (!toMany && !withWhere(item, to)) {
                            list.add(new RelationWrite.WhereUpdate(
                                    Filter.TRUE, update(to, item, itemAt, Optional.of(hop), false)));
                            continue;
                        }
                        // a to-one's {where, data}: where is optional (XUpdateToOneWithWhereWithoutYInput)
                        requireObject(item, itemAt, toMany ? List.of("where", "data") : List.of("data"));
                        Filter where = !toMany
                                ? (present(item, "where")
                                        ? resolver.where(to, item.get("where"), itemAt.key("where"))
                                        : Filter.TRUE)
                                : op.equals("updateMany")
                                        ? resolver.where(
                                                to,
                                                scalarWhere(to, item.get("where"), itemAt.key("where")),
                                                itemAt.key("where"))
                                        : resolver.whereUnique(to, item.get("where"), itemAt.key("where"));
                        list.add(new RelationWrite.WhereUpdate(
                                where,
                                update(
                                        to,
                                        item.get("data"),
                                        itemAt.key("data"),
                                        Optional.of(hop),
                                        op.equals("updateMany"))));
                    }
                    out.add(
                            op.equals("update")
                                    ? new RelationWrite.Update(hop, list)
                                    : new RelationWrite.UpdateMany(hop, list));
                    break;
                }
                case "deleteMany": {
                    List<Filter> filters = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        filters.add(resolver.where(
                                to, scalarWhere(to, items.get(i), itemAt(arg, here, i)), itemAt(arg, here, i)));
                    }
                    out.add(new RelationWrite.DeleteMany(hop, filters));
                    break;
                }
                case "upsert": {
                    List<RelationWrite.WhereUpsert> list = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        JsonNode item = items.get(i);
                        ArgPath itemAt = itemAt(arg, here, i);
                        requireObject(
                                item,
                                itemAt,
                                toMany ? List.of("where", "create", "update") : List.of("create", "update"));
                        Filter where = toMany
                                ? resolver.whereUnique(to, item.get("where"), itemAt.key("where"))
                                : present(item, "where")
                                        ? resolver.where(to, item.get("where"), itemAt.key("where"))
                                        : Filter.TRUE;
                        list.add(new RelationWrite.WhereUpsert(
                                where,
                                create(to, item.get("create"), itemAt.key("create"), Optional.of(hop)),
                                update(to, item.get("update"), itemAt.key("update"), Optional.of(hop), false)));
                    }
                    out.add(new RelationWrite.Upsert(hop, list));
                    break;
                }
                default:
                    throw new IllegalStateException(op);
            }
        }
        return out;
    }

    /**
     * A nested updateMany's or deleteMany's {@code where} is Prisma's {@code ScalarWhereInput}: a {@code
     * WhereInput} without relation filters, at any depth of AND/OR/NOT.
     */
    private JsonNode scalarWhere(Model model, JsonNode where, ArgPath at) {
        if (where == null || !where.isObject()) {
            return where;
        }
        Iterator<Map.Entry<String, JsonNode>> it = where.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = at.key(e.getKey());
            if (List.of("AND", "OR", "NOT").contains(e.getKey())) {
                List<JsonNode> items = items(e.getValue());
                for (int i = 0; i < items.size(); i++) {
                    scalarWhere(model, items.get(i), itemAt(e.getValue(), here, i));
                }
            } else if (model.findRelationField(e.getKey()).isPresent()) {
                List<String> allowed = new ArrayList<>(List.of("AND", "OR", "NOT"));
                resolver.visibleScalars(model).forEach(f -> allowed.add(f.name()));
                throw QueryErrors.unknownField(here, model.name(), e.getKey(), allowed);
            }
        }
        return where;
    }

    private static int countOf(JsonNode v, List<String> keys) {
        int n = 0;
        for (String k : keys) {
            if (v.has(k)) {
                n++;
            }
        }
        return n;
    }

    /**
     * A to-one nested update is {@code {where, data}} or the data itself; a related model with a field named data
     * keeps Prisma's reading.
     */
    private static boolean withWhere(JsonNode item, Model to) {
        if (!item.isObject() || !item.has("data") || to.findField("data").isPresent()) {
            return false;
        }
        Iterator<String> keys = item.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("data") && !k.equals("where")) {
                return false;
            }
        }
        return true;
    }

    private static void requireObject(JsonNode item, ArgPath at, List<String> requiredKeys) {
        if (!item.isObject()) {
            throw QueryErrors.wrongType(at, "an object with " + requiredKeys);
        }
        List<String> allowed = new ArrayList<>(requiredKeys);
        if (!allowed.contains("where")) {
            allowed.add("where");
        }
        checkKeys(item, allowed, at);
        for (String k : requiredKeys) {
            if (!present(item, k)) {
                throw QueryErrors.missingArgument(at.key(k), "argument " + k, requiredKeys);
            }
        }
    }

    private List<Filter> uniques(Model to, JsonNode arg, ArgPath at) {
        List<Filter> out = new ArrayList<>();
        List<JsonNode> items = items(arg);
        for (int i = 0; i < items.size(); i++) {
            out.add(resolver.whereUnique(to, items.get(i), itemAt(arg, at, i)));
        }
        return out;
    }
}
