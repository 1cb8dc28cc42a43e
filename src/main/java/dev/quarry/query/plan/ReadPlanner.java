package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.validate.PreviewFeatures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * findMany-shaped arguments (top level or inside a relation) → {@link ReadPlan}; orderBy, pagination and selection.
 */
final class ReadPlanner {

    /** Where each argument of a read is located: the RPC body path, or the resource surface's parameter. */
    interface Locator extends Function<String, ArgPath> {}

    private final Schema schema;
    private final WherePlanner where;
    private final Limits limits;
    /** What the request's role reads: a selection without {@code select} leaves the rest out. */
    private final ReadableFields readable;

    ReadPlanner(Schema schema, WherePlanner where, Limits limits, ReadableFields readable) {
        this.schema = schema;
        this.where = where;
        this.limits = limits;
        this.readable = readable;
    }

    /**
     * @param args     the argument object
     * @param allowed  the argument names allowed here
     * @param locate   the location of each argument
     * @param relation true inside a relation's select/include, where the selection may be a to-one's
     */
    ReadPlan read(Model model, JsonNode args, List<String> allowed, Locator locate, int depth) {
        checkKeys(args, allowed, locate);
        Filter filter = Filter.TRUE;
        if (present(args, "where")) {
            filter = where.where(model, args.get("where"), locate.apply("where"), depth);
        }
        List<OrderItem> orderBy = present(args, "orderBy")
                ? orderBy(model, args.get("orderBy"), locate.apply("orderBy"), depth)
                : List.of();
        Optional<Long> take =
                present(args, "take") ? Optional.of(take(args.get("take"), locate.apply("take"))) : Optional.empty();
        long skip = present(args, "skip") ? skip(args.get("skip"), locate.apply("skip")) : 0;
        Optional<Filter> cursor = present(args, "cursor")
                ? Optional.of(cursor(model, args.get("cursor"), locate.apply("cursor"), depth))
                : Optional.empty();
        List<ScalarField> distinct =
                present(args, "distinct") ? distinct(model, args.get("distinct"), locate.apply("distinct")) : List.of();
        Selection selection = selection(model, args, locate, depth);
        if (cursor.isPresent() || take.filter(t -> t < 0).isPresent()) {
            orderBy = withIdentityTieBreak(model, orderBy);
        }
        return new ReadPlan(model, filter, orderBy, take, skip, cursor, distinct, selection);
    }

    /** Paging by cursor or backwards needs a total order: Prisma appends the primary key, and so do we. */
    private static List<OrderItem> withIdentityTieBreak(Model model, List<OrderItem> orderBy) {
        List<OrderItem> out = new ArrayList<>(orderBy);
        for (ScalarField f : Fields.identity(model)) {
            boolean present = orderBy.stream()
                    .anyMatch(o -> o.hops().isEmpty()
                            && o.target() instanceof OrderItem.ByField b
                            && b.field().equals(f));
            if (!present) {
                out.add(new OrderItem(List.of(), new OrderItem.ByField(f), false, Optional.empty()));
            }
        }
        return out;
    }

    static boolean present(JsonNode args, String key) {
        return args.has(key) && !args.get(key).isNull();
    }

    static void checkKeys(JsonNode args, List<String> allowed, Locator locate) {
        Iterator<String> names = args.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw QueryErrors.unknownArgument(locate.apply(name), name, allowed);
            }
        }
    }

    long take(JsonNode node, ArgPath at) {
        long take = wholeNumber(node, at);
        if (Math.abs(take) > limits.maxTake()) {
            throw QueryErrors.overTakeLimit(at, take, limits.maxTake());
        }
        return take;
    }

    long skip(JsonNode node, ArgPath at) {
        long skip = wholeNumber(node, at);
        if (skip < 0) {
            throw QueryErrors.outOfRange(at, "skip", "0 or more");
        }
        if (skip > limits.maxSkip()) {
            throw QueryErrors.overSkipLimit(at, skip, limits.maxSkip());
        }
        return skip;
    }

    static long wholeNumber(JsonNode node, ArgPath at) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isIntegralNumber()) {
            throw QueryErrors.outOfRange(at, "a whole number", "64-bit");
        }
        if (at.textValues() && node.isTextual() && node.textValue().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        throw QueryErrors.wrongType(at, "a whole number");
    }

    // --- cursor & distinct ---------------------------------------------------------------------

    Filter cursor(Model model, JsonNode node, ArgPath at, int depth) {
        if (node.isTextual() && at.textValues()) {
            List<ScalarField> identity = Fields.identity(model);
            if (identity.size() != 1) {
                throw QueryErrors.wrongType(
                        at, "a JSON object naming a unique criterion (" + model.name() + " has a compound id)");
            }
            ObjectNode obj = JsonNodeFactory.instance.objectNode();
            obj.set(identity.get(0).name(), node);
            node = obj;
        }
        return where.whereUnique(model, node, at, depth);
    }

    private static List<ScalarField> distinct(Model model, JsonNode node, ArgPath at) {
        List<ScalarField> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ArgPath here = node.isArray() ? at.index(i) : at;
            Optional<ScalarField> f = item.isTextual()
                    ? Fields.visibleScalars(model).stream()
                            .filter(s -> s.name().equals(item.textValue()))
                            .findFirst()
                    : Optional.empty();
            if (f.isEmpty()) {
                throw QueryErrors.unknownField(here, model.name(), item.asText(), Fields.scalarNames(model));
            }
            out.add(f.get());
        }
        return out;
    }

    // --- orderBy -------------------------------------------------------------------------------

    List<OrderItem> orderBy(Model model, JsonNode node, ArgPath at, int depth) {
        List<OrderItem> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                orderObject(model, node.get(i), at.index(i), List.of(), out, depth);
            }
        } else {
            orderObject(model, node, at, List.of(), out, depth);
        }
        return out;
    }

    private void orderObject(Model model, JsonNode node, ArgPath at, List<Hop> hops, List<OrderItem> out, int depth) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(
                    at, "an object like {\"field\": \"asc\"} (" + model.name() + "OrderByWithRelationInput)");
        }
        requireOneKey(node, at);
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = at.key(e.getKey());
            if (e.getKey().equals("_relevance") && PreviewFeatures.fullTextSearch(schema)) {
                out.add(relevance(model, e.getValue(), here, hops));
                continue;
            }
            Optional<Field> field = Fields.find(schema, model, e.getKey());
            if (field.isEmpty()) {
                throw QueryErrors.unknownField(here, model.name(), e.getKey(), Fields.names(schema, model));
            }
            if (field.get() instanceof ScalarField scalar) {
                // lists and Json too: PostgreSQL orders arrays and jsonb, and Prisma sorts by them
                out.add(direction(new OrderItem.ByField(scalar), hops, e.getValue(), here, scalar.isOptional()));
            } else {
                RelationField relation = (RelationField) field.get();
                if (depth + hops.size() + 1 > limits.maxDepth()) {
                    throw QueryErrors.overDepthLimit(here, limits.maxDepth());
                }
                Hop hop = Fields.hop(schema, model, relation);
                if (relation.isList()) {
                    JsonNode count = e.getValue().get("_count");
                    if (!e.getValue().isObject()
                            || count == null
                            || e.getValue().size() != 1) {
                        throw QueryErrors.wrongType(
                                here,
                                "{\"_count\": \"asc\" | \"desc\"} (a to-many relation is sorted by its " + "count)");
                    }
                    out.add(direction(new OrderItem.ByRelationCount(hop), hops, count, here.key("_count"), false));
                } else {
                    List<Hop> next = new ArrayList<>(hops);
                    next.add(hop);
                    orderObject(hop.to(), e.getValue(), here, next, out, depth);
                }
            }
        }
    }

    /** Prisma's order objects take one key each, so that the order of several is the order of a list. */
    static void requireOneKey(JsonNode node, ArgPath at) {
        if (node.size() > 1) {
            throw QueryErrors.wrongType(
                    at, "an object with one key; several keys are a list: [{\"a\": \"asc\"}, {\"b\": \"desc\"}]");
        }
    }

    /**
     * {@code _relevance: {fields: "title" | ["title", …], search: "cat & dog", sort: "asc" | "desc"}} over String
     * fields.
     */
    private static OrderItem relevance(Model model, JsonNode v, ArgPath at, List<Hop> hops) {
        String shape = "{\"fields\": [String fields], \"search\": \"query\", \"sort\": \"asc\" | \"desc\"}";
        if (!v.isObject() || !v.has("fields") || !v.has("search") || !v.has("sort")) {
            throw QueryErrors.wrongType(at, shape);
        }
        Iterator<String> keys = v.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!List.of("fields", "search", "sort").contains(k)) {
                throw QueryErrors.unknownArgument(at.key(k), k, List.of("fields", "search", "sort"));
            }
        }
        List<String> textFields = Fields.visibleScalars(model).stream()
                .filter(f -> f.type() == ScalarType.STRING && !f.isList())
                .map(ScalarField::name)
                .toList();
        JsonNode names = v.get("fields").isArray()
                ? v.get("fields")
                : JsonNodeFactory.instance.arrayNode().add(v.get("fields"));
        List<ScalarField> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JsonNode name = names.get(i);
            ArgPath fieldAt = v.get("fields").isArray() ? at.key("fields").index(i) : at.key("fields");
            if (!name.isTextual() || !textFields.contains(name.textValue())) {
                throw QueryErrors.unknownField(fieldAt, model.name(), name.asText(), textFields);
            }
            fields.add(model.scalarField(name.textValue()));
        }
        if (fields.isEmpty()) {
            throw QueryErrors.wrongType(at.key("fields"), "one String field or more");
        }
        if (!v.get("search").isTextual()) {
            throw QueryErrors.wrongType(at.key("search"), "a full-text query (string)");
        }
        return new OrderItem(
                hops,
                new OrderItem.ByRelevance(fields, v.get("search").textValue()),
                sort(v.get("sort"), at.key("sort")),
                Optional.empty());
    }

    static OrderItem direction(OrderItem.Target target, List<Hop> hops, JsonNode v, ArgPath at, boolean nullable) {
        if (v.isTextual()) {
            return new OrderItem(hops, target, sort(v, at), Optional.empty());
        }
        if (v.isObject() && v.has("sort")) {
            Optional<OrderItem.Nulls> nulls = Optional.empty();
            Iterator<String> keys = v.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!k.equals("sort") && !k.equals("nulls")) {
                    throw QueryErrors.unknownArgument(at.key(k), k, List.of("sort", "nulls"));
                }
            }
            if (v.has("nulls")) {
                JsonNode n = v.get("nulls");
                if (!nullable) {
                    throw QueryErrors.invalid(at.key("nulls"), "nulls is only allowed on optional fields", List.of());
                }
                if (!n.isTextual()
                        || !(n.textValue().equals("first") || n.textValue().equals("last"))) {
                    throw QueryErrors.invalid(
                            at.key("nulls"), "nulls must be 'first' or 'last'", List.of("first", "last"));
                }
                nulls = Optional.of(n.textValue().equals("first") ? OrderItem.Nulls.FIRST : OrderItem.Nulls.LAST);
            }
            return new OrderItem(hops, target, sort(v.get("sort"), at.key("sort")), nulls);
        }
        throw QueryErrors.wrongType(
                at, "\"asc\", \"desc\" or {\"sort\": \"asc\" | \"desc\", \"nulls\": \"first\" | \"last\"}");
    }

    private static boolean sort(JsonNode v, ArgPath at) {
        if (v.isTextual() && v.textValue().equals("asc")) {
            return false;
        }
        if (v.isTextual() && v.textValue().equals("desc")) {
            return true;
        }
        throw QueryErrors.invalid(at, "Sort order must be 'asc' or 'desc'", List.of("asc", "desc"));
    }

    // --- select / include / omit ---------------------------------------------------------------

    private static final List<String> NESTED_MANY_ARGS =
            List.of("select", "include", "omit", "where", "orderBy", "take", "skip", "cursor", "distinct");
    private static final List<String> NESTED_ONE_ARGS = List.of("select", "include", "omit");

    Selection selection(Model model, JsonNode args, Locator locate, int depth) {
        boolean hasSelect = present(args, "select");
        boolean hasInclude = present(args, "include");
        boolean hasOmit = present(args, "omit");
        if (hasSelect && hasInclude) {
            throw QueryErrors.conflicting(locate.apply("include"), "Use either select or include, not both");
        }
        if (hasSelect && hasOmit) {
            throw QueryErrors.conflicting(locate.apply("omit"), "Use either select or omit, not both");
        }
        Map<String, Selection.Selected> chosen = new LinkedHashMap<>();
        if (hasSelect) {
            select(model, args.get("select"), locate.apply("select"), depth, chosen, false);
        } else {
            List<String> omitted = hasOmit ? omit(model, args.get("omit"), locate.apply("omit")) : List.of();
            for (ScalarField f : Fields.visibleScalars(model)) {
                if (!omitted.contains(f.name()) && readable.readable(model, f)) {
                    chosen.put(f.name(), new Selection.Scalar(f));
                }
            }
            if (hasInclude) {
                select(model, args.get("include"), locate.apply("include"), depth, chosen, true);
            }
        }
        return new Selection(inSchemaOrder(model, chosen));
    }

    private static List<Selection.Selected> inSchemaOrder(Model model, Map<String, Selection.Selected> chosen) {
        List<Selection.Selected> out = new ArrayList<>();
        for (Field f : model.fields()) {
            Selection.Selected s = chosen.get(f.name());
            if (s != null) {
                out.add(s);
            }
        }
        if (chosen.containsKey("_count")) {
            out.add(chosen.get("_count"));
        }
        return out;
    }

    private static List<String> omit(Model model, JsonNode node, ArgPath at) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(at, "an object like {\"field\": true}");
        }
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = at.key(e.getKey());
            if (Fields.visibleScalars(model).stream().noneMatch(f -> f.name().equals(e.getKey()))) {
                throw QueryErrors.unknownField(here, model.name(), e.getKey(), Fields.scalarNames(model));
            }
            if (flag(e.getValue(), here)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static boolean flag(JsonNode v, ArgPath at) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        throw QueryErrors.wrongType(at, "true or false");
    }

    private void select(
            Model model,
            JsonNode node,
            ArgPath at,
            int depth,
            Map<String, Selection.Selected> chosen,
            boolean include) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(at, "an object like {\"field\": true}");
        }
        if (!include) {
            requireTruthy(node, at, model.name());
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            ArgPath here = at.key(key);
            boolean counted = Fields.visibleRelations(schema, model).stream().anyMatch(RelationField::isList);
            if (key.equals("_count") && counted) {
                if (v.isBoolean() && !v.booleanValue()) {
                    continue;
                }
                chosen.put("_count", counts(model, v, here, depth));
                continue;
            }
            Optional<Field> field = Fields.find(schema, model, key);
            if (field.isEmpty() || (include && field.get() instanceof ScalarField)) {
                List<String> allowed = new ArrayList<>(include ? List.of() : Fields.scalarNames(model));
                Fields.visibleRelations(schema, model).forEach(r -> allowed.add(r.name()));
                if (counted) {
                    allowed.add("_count");
                }
                throw QueryErrors.unknownField(here, model.name(), key, allowed);
            }
            if (field.get() instanceof ScalarField scalar) {
                if (flag(v, here)) {
                    chosen.put(key, new Selection.Scalar(scalar));
                }
                continue;
            }
            RelationField relation = (RelationField) field.get();
            if (v.isBoolean() && !v.booleanValue()) {
                continue;
            }
            if (depth + 1 > limits.maxDepth()) {
                throw QueryErrors.overDepthLimit(here, limits.maxDepth());
            }
            Hop hop = Fields.hop(schema, model, relation);
            JsonNode nestedArgs = v.isBoolean() ? JsonNodeFactory.instance.objectNode() : v;
            if (!nestedArgs.isObject()) {
                throw QueryErrors.wrongType(
                        here,
                        "true, false or an object of arguments "
                                + (relation.isList() ? NESTED_MANY_ARGS : NESTED_ONE_ARGS));
            }
            ReadPlan nested = read(
                    hop.to(), nestedArgs, relation.isList() ? NESTED_MANY_ARGS : NESTED_ONE_ARGS, here::key, depth + 1);
            chosen.put(key, new Selection.Relation(hop, nested));
        }
    }

    /** A {@code select} chooses something: Prisma refuses an empty one, and one whose every value is false. */
    private static void requireTruthy(JsonNode select, ArgPath at, String type) {
        if (select.isEmpty()) {
            throw QueryErrors.wrongType(at, "a select of " + type + " that is not empty");
        }
        Iterator<JsonNode> values = select.elements();
        while (values.hasNext()) {
            JsonNode v = values.next();
            if (!v.isBoolean() || v.booleanValue()) {
                return;
            }
        }
        throw QueryErrors.wrongType(at, "a select of " + type + " with at least one field set to true");
    }

    private Selection.Counts counts(Model model, JsonNode v, ArgPath at, int depth) {
        List<RelationField> toMany = Fields.visibleRelations(schema, model).stream()
                .filter(RelationField::isList)
                .toList();
        List<Selection.RelationCount> out = new ArrayList<>();
        if (v.isBoolean()) {
            toMany.forEach(r -> out.add(new Selection.RelationCount(Fields.hop(schema, model, r), Filter.TRUE)));
            return new Selection.Counts(out);
        }
        if (!v.isObject()
                || !v.has("select")
                || v.size() != 1
                || !v.get("select").isObject()) {
            throw QueryErrors.wrongType(at, "true or {\"select\": {\"relation\": true}}");
        }
        ArgPath selectAt = at.key("select");
        requireTruthy(v.get("select"), selectAt, model.name() + "CountOutputType");
        Iterator<Map.Entry<String, JsonNode>> it = v.get("select").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = selectAt.key(e.getKey());
            Optional<RelationField> r =
                    toMany.stream().filter(f -> f.name().equals(e.getKey())).findFirst();
            if (r.isEmpty()) {
                throw QueryErrors.unknownField(
                        here,
                        model.name(),
                        e.getKey(),
                        toMany.stream().map(RelationField::name).toList());
            }
            Hop hop = Fields.hop(schema, model, r.get());
            JsonNode c = e.getValue();
            if (c.isBoolean()) {
                if (c.booleanValue()) {
                    out.add(new Selection.RelationCount(hop, Filter.TRUE));
                }
            } else if (c.isObject()) {
                checkKeys(c, List.of("where"), here::key);
                Filter f = present(c, "where")
                        ? where.where(hop.to(), c.get("where"), here.key("where"), depth + 1)
                        : Filter.TRUE;
                out.add(new Selection.RelationCount(hop, f));
            } else {
                throw QueryErrors.wrongType(here, "true, false or {\"where\": …}");
            }
        }
        return new Selection.Counts(out);
    }
}
