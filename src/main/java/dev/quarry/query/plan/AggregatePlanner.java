package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code count}, {@code aggregate}, {@code groupBy} arguments → {@link AggregatePlan}. */
final class AggregatePlanner {

    private static final List<String> AGGREGATES = List.of("_count", "_avg", "_sum", "_min", "_max");

    private final ReadPlanner reads;
    private final WherePlanner where;

    AggregatePlanner(ReadPlanner reads, WherePlanner where) {
        this.reads = reads;
        this.where = where;
    }

    AggregatePlan count(Model model, ReadArgs args) {
        JsonNode a = args.args();
        ReadPlanner.checkKeys(a, args.operation().arguments(), args::origin);
        ReadPlan rows = rows(model, a, args);
        if (!ReadPlanner.present(a, "select")
                || (a.get("select").isBoolean() && a.get("select").booleanValue())) {
            return new AggregatePlan(
                    AggregatePlan.Kind.COUNT_NUMBER, rows, List.of(), List.of(), Filter.TRUE, List.of());
        }
        AggregatePlan.AggregateGroup group = group(model, Aggregate.COUNT, a.get("select"), args.origin("select"));
        return new AggregatePlan(
                AggregatePlan.Kind.COUNT_OBJECT, rows, List.of(group), List.of(), Filter.TRUE, List.of());
    }

    AggregatePlan aggregate(Model model, ReadArgs args) {
        JsonNode a = args.args();
        List<String> allowed = new ArrayList<>(args.operation().arguments());
        allowed.addAll(aggregatesOf(model));
        ReadPlanner.checkKeys(a, allowed, args::origin);
        ReadPlan rows = rows(model, a, args);
        return new AggregatePlan(
                AggregatePlan.Kind.AGGREGATE, rows, groups(model, a, args), List.of(), Filter.TRUE, List.of());
    }

    AggregatePlan groupBy(Model model, ReadArgs args) {
        JsonNode a = args.args();
        List<String> allowed = new ArrayList<>(args.operation().arguments());
        allowed.addAll(aggregatesOf(model));
        ReadPlanner.checkKeys(a, allowed, args::origin);
        if (!ReadPlanner.present(a, "by")) {
            throw QueryErrors.missingArgument(
                    args.origin("by"), "argument by (the fields to group by)", Fields.scalarNames(model));
        }
        List<ScalarField> by = byFields(model, a.get("by"), args.origin("by"));
        Filter filter = ReadPlanner.present(a, "where")
                ? where.where(model, a.get("where"), args.origin("where"), 0)
                : Filter.TRUE;
        Optional<Long> take = ReadPlanner.present(a, "take")
                ? Optional.of(reads.take(a.get("take"), args.origin("take")))
                : Optional.empty();
        long skip = ReadPlanner.present(a, "skip") ? reads.skip(a.get("skip"), args.origin("skip")) : 0;
        List<OrderItem> order = ReadPlanner.present(a, "orderBy")
                ? groupOrder(model, by, a.get("orderBy"), args.origin("orderBy"))
                : List.of();
        if (order.isEmpty() && (take.isPresent() || skip > 0)) {
            requireIdentityInBy(model, by, args.origin(take.isPresent() ? "take" : "skip"));
        }
        Filter having = ReadPlanner.present(a, "having")
                ? having(model, by, a.get("having"), args.origin("having"))
                : Filter.TRUE;
        ReadPlan rows = new ReadPlan(
                model, filter, List.of(), take, skip, Optional.empty(), List.of(), new Selection(List.of()));
        return new AggregatePlan(AggregatePlan.Kind.GROUP_BY, rows, groups(model, a, args), by, having, order);
    }

    /**
     * The aggregates a model has: {@code _avg} and {@code _sum} only with a numeric field, as Prisma's output
     * types.
     */
    private static List<String> aggregatesOf(Model model) {
        return AGGREGATES.stream()
                .filter(key -> !allowedFields(model, Aggregate.fromKey(key).orElseThrow())
                        .isEmpty())
                .toList();
    }

    private ReadPlan rows(Model model, JsonNode a, ReadArgs args) {
        ObjectNode rowArgs = JsonNodeFactory.instance.objectNode();
        for (String key : List.of("where", "orderBy", "cursor", "take", "skip")) {
            if (a.has(key)) {
                rowArgs.set(key, a.get(key));
            }
        }
        ReadPlan read =
                reads.read(model, rowArgs, List.of("where", "orderBy", "cursor", "take", "skip"), args::origin, 0);
        return new ReadPlan(
                model,
                read.filter(),
                read.orderBy(),
                read.limit(),
                read.backwards(),
                read.offset(),
                read.cursor(),
                read.distinct(),
                new Selection(List.of()));
    }

    private List<AggregatePlan.AggregateGroup> groups(Model model, JsonNode a, ReadArgs args) {
        List<AggregatePlan.AggregateGroup> out = new ArrayList<>();
        for (String key : AGGREGATES) {
            if (ReadPlanner.present(a, key)) {
                Aggregate fn = Aggregate.fromKey(key).orElseThrow();
                JsonNode v = a.get(key);
                if (fn == Aggregate.COUNT && v.isBoolean()) {
                    if (v.booleanValue()) {
                        out.add(new AggregatePlan.AggregateGroup(fn, true, List.of(Optional.empty())));
                    }
                    continue;
                }
                out.add(group(model, fn, v, args.origin(key)));
            }
        }
        return out;
    }

    private AggregatePlan.AggregateGroup group(Model model, Aggregate fn, JsonNode v, ArgPath at) {
        if (!v.isObject()) {
            throw QueryErrors.wrongType(at, "an object like {\"field\": true}");
        }
        List<Optional<ScalarField>> fields = new ArrayList<>();
        List<ScalarField> allowed = allowedFields(model, fn);
        Iterator<Map.Entry<String, JsonNode>> it = v.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            ArgPath here = at.key(e.getKey());
            if (!e.getValue().isBoolean()) {
                throw QueryErrors.wrongType(here, "true or false");
            }
            if (fn == Aggregate.COUNT && e.getKey().equals("_all")) {
                if (e.getValue().booleanValue()) {
                    fields.add(Optional.empty());
                }
                continue;
            }
            Optional<ScalarField> f =
                    allowed.stream().filter(s -> s.name().equals(e.getKey())).findFirst();
            if (f.isEmpty()) {
                List<String> names =
                        new ArrayList<>(allowed.stream().map(ScalarField::name).toList());
                if (fn == Aggregate.COUNT) {
                    names.add("_all");
                }
                throw QueryErrors.unknownField(here, model.name(), e.getKey(), names);
            }
            if (e.getValue().booleanValue()) {
                fields.add(f);
            }
        }
        return new AggregatePlan.AggregateGroup(fn, false, fields);
    }

    /** Fields each aggregate takes, as Prisma's aggregate output types list them. */
    static List<ScalarField> allowedFields(Model model, Aggregate fn) {
        return Fields.visibleScalars(model).stream().filter(fn::takes).toList();
    }

    private static List<ScalarField> byFields(Model model, JsonNode node, ArgPath at) {
        List<ScalarField> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw QueryErrors.missingArgument(at, "at least one field to group by", Fields.scalarNames(model));
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

    /**
     * Paging groups without an orderBy: Prisma orders them by the primary key, which must then be in by (its
     * P2019).
     */
    private static void requireIdentityInBy(Model model, List<ScalarField> by, ArgPath at) {
        List<String> missing = Fields.identity(model).stream()
                .filter(f -> !by.contains(f))
                .map(ScalarField::name)
                .toList();
        if (!missing.isEmpty()) {
            throw QueryErrors.inputError(
                    at,
                    model.name(),
                    "take or skip without an orderBy orders the groups by the primary key, and every field "
                            + "used "
                            + "for orderBy "
                            + "must be included in the by-arguments of the query. Missing fields: "
                            + String.join(", ", missing),
                    List.of("orderBy"));
        }
    }

    private List<OrderItem> groupOrder(Model model, List<ScalarField> by, JsonNode node, ArgPath at) {
        List<OrderItem> out = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            ArgPath itemAt = node.isArray() ? at.index(i) : at;
            if (!item.isObject()) {
                throw QueryErrors.wrongType(itemAt, "an object like {\"field\": \"asc\"}");
            }
            ReadPlanner.requireOneKey(item, itemAt);
            Iterator<Map.Entry<String, JsonNode>> it = item.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ArgPath here = itemAt.key(e.getKey());
                Optional<Aggregate> fn = Aggregate.fromKey(e.getKey());
                if (fn.isPresent()) {
                    if (!e.getValue().isObject() || e.getValue().size() != 1) {
                        throw QueryErrors.wrongType(here, "an object with one key, like {\"field\": \"asc\"}");
                    }
                    Iterator<Map.Entry<String, JsonNode>> fit = e.getValue().fields();
                    while (fit.hasNext()) {
                        Map.Entry<String, JsonNode> fe = fit.next();
                        Optional<ScalarField> f = allowedFields(model, fn.get()).stream()
                                .filter(s -> s.name().equals(fe.getKey()))
                                .findFirst();
                        if (f.isEmpty()
                                && !(fn.get() == Aggregate.COUNT && fe.getKey().equals("_all"))) {
                            throw QueryErrors.unknownField(
                                    here.key(fe.getKey()),
                                    model.name(),
                                    fe.getKey(),
                                    allowedFields(model, fn.get()).stream()
                                            .map(ScalarField::name)
                                            .toList());
                        }
                        out.add(ReadPlanner.direction(
                                new OrderItem.ByAggregate(fn.get(), f),
                                List.of(),
                                fe.getValue(),
                                here.key(fe.getKey()),
                                true));
                    }
                    continue;
                }
                Optional<ScalarField> f =
                        by.stream().filter(s -> s.name().equals(e.getKey())).findFirst();
                if (f.isEmpty()) {
                    List<String> allowed =
                            new ArrayList<>(by.stream().map(ScalarField::name).toList());
                    allowed.addAll(AGGREGATES);
                    throw QueryErrors.inputError(
                            here,
                            model.name(),
                            "Every field used for orderBy must be included in the by-arguments of the query. "
                                    + "Missing fields: " + e.getKey(),
                            allowed);
                }
                out.add(ReadPlanner.direction(
                        new OrderItem.ByField(f.get()),
                        List.of(),
                        e.getValue(),
                        here,
                        f.get().isOptional()));
            }
        }
        return out;
    }

    private Filter having(Model model, List<ScalarField> by, JsonNode node, ArgPath at) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(
                    at, "an object of filters (" + model.name() + "ScalarWhereWithAggregatesInput)");
        }
        List<Filter> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            ArgPath here = at.key(key);
            if (key.equals("AND") || key.equals("OR") || key.equals("NOT")) {
                List<Filter> list = new ArrayList<>();
                if (v.isArray()) {
                    for (int i = 0; i < v.size(); i++) {
                        list.add(having(model, by, v.get(i), here.index(i)));
                    }
                } else {
                    list.add(having(model, by, v, here));
                }
                parts.add(
                        key.equals("AND")
                                ? WherePlanner.and(list)
                                : key.equals("OR")
                                        ? new Filter.Or(list)
                                        : WherePlanner.and(list.stream()
                                                .map(WherePlanner::not)
                                                .toList()));
                continue;
            }
            Optional<ScalarField> f = Fields.visibleScalars(model).stream()
                    .filter(s -> s.name().equals(key))
                    .findFirst();
            if (f.isEmpty()) {
                List<String> allowed = new ArrayList<>(Fields.scalarNames(model));
                allowed.addAll(List.of("AND", "OR", "NOT"));
                throw QueryErrors.unknownField(here, model.name(), key, allowed);
            }
            parts.add(fieldHaving(model, by, f.get(), v, here));
        }
        return WherePlanner.and(parts);
    }

    /**
     * One field's having filter: aggregate conditions, plain conditions (the field in by), and a nested not of
     * either.
     */
    private Filter fieldHaving(Model model, List<ScalarField> by, ScalarField field, JsonNode v, ArgPath here) {
        if (field.isList()) {
            // a list's having filter is its where filter (ScalarNullableListFilter): no aggregates
            return plainHaving(model, by, field, v, here);
        }
        if (field.type() == ScalarType.JSON) {
            return jsonHaving(model, by, field, v, here);
        }
        if (!hasAggregate(v)) {
            return plainHaving(model, by, field, v, here);
        }
        List<Filter> parts = new ArrayList<>();
        ObjectNode plain = JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> ait = v.fields();
        while (ait.hasNext()) {
            Map.Entry<String, JsonNode> ae = ait.next();
            Optional<Aggregate> fn = Aggregate.fromKey(ae.getKey());
            if (ae.getKey().equals("not") && hasAggregate(ae.getValue())) {
                // Nested…WithAggregatesFilter: a not may hold aggregate conditions too
                parts.add(WherePlanner.not(fieldHaving(model, by, field, ae.getValue(), here.key("not"))));
                continue;
            }
            if (fn.isEmpty()) {
                plain.set(ae.getKey(), ae.getValue());
                continue;
            }
            if (!fn.get().filters(field)) {
                throw QueryErrors.unknownOperator(
                        here.key(ae.getKey()), ae.getKey(), "field " + field.name(), AGGREGATES);
            }
            ScalarField typed = aggregateValueField(field, fn.get());
            parts.add(new Filter.AggregateCondition(
                    fn.get(), typed, where.scalarOn(model, typed, ae.getValue(), here.key(ae.getKey()))));
        }
        if (plain.size() > 0) {
            parts.add(plainHaving(model, by, field, plain, here));
        }
        return WherePlanner.and(parts);
    }

    /**
     * Json's having filter (Json…WithAggregatesFilter) lists {@code _count}, {@code _min} and {@code _max}, and
     * Prisma's engine refuses each (P2019); its {@code not} takes a Json value, never an aggregate.
     */
    private Filter jsonHaving(Model model, List<ScalarField> by, ScalarField field, JsonNode v, ArgPath here) {
        if (v.isObject()) {
            for (String key : AGGREGATES) {
                if (v.has(key)) {
                    throw QueryErrors.inputError(
                            here.key(key), model.name(), key + " is not a valid scalar filter operation", List.of());
                }
            }
        }
        return plainHaving(model, by, field, v, here);
    }

    /** Whether a having value holds an aggregate condition, itself or in its nested not. */
    private static boolean hasAggregate(JsonNode v) {
        return v.isObject() && (AGGREGATES.stream().anyMatch(v::has) || (v.has("not") && hasAggregate(v.get("not"))));
    }

    private Filter plainHaving(Model model, List<ScalarField> by, ScalarField field, JsonNode v, ArgPath at) {
        if (!by.contains(field)) {
            throw QueryErrors.invalid(
                    at,
                    "A having filter on " + field.name() + " without an aggregate needs " + field.name() + " in by",
                    by.stream().map(ScalarField::name).toList());
        }
        return where.fieldFilter(model, field, v, at);
    }

    /** The type an aggregate's value has, so that its having operand is checked as that type. */
    static ScalarField aggregateValueField(ScalarField field, Aggregate fn) {
        FieldType type = field.type();
        if (fn == Aggregate.COUNT) {
            type = ScalarType.INT;
        } else if (fn == Aggregate.AVG) {
            type = field.type() == ScalarType.DECIMAL ? ScalarType.DECIMAL : ScalarType.FLOAT;
        } else if (fn == Aggregate.SUM && field.type() == ScalarType.INT) {
            type = ScalarType.BIGINT;
        }
        return new ScalarField(
                field.name(),
                field.dbName(),
                type,
                Arity.OPTIONAL,
                Optional.empty(),
                false,
                Optional.empty(),
                false,
                Optional.empty());
    }
}
