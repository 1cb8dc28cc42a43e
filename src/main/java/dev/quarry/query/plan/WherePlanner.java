package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.validate.PreviewFeatures;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code where} (WhereInput, WhereUniqueInput) → {@link Filter}. */
final class WherePlanner {

    private static final List<String> LOGICAL = List.of("AND", "OR", "NOT");
    private static final List<String> TO_MANY_OPS = List.of("some", "every", "none");
    private static final List<String> TO_ONE_OPS = List.of("is", "isNot");

    private final Schema schema;
    private final Values values;
    private final Limits limits;

    WherePlanner(Schema schema, Values values, Limits limits) {
        this.schema = schema;
        this.values = values;
        this.limits = limits;
    }

    Filter where(Model model, JsonNode node, ArgPath at, int depth) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(
                    at, "an object of filters on " + model.name() + " (" + model.name() + "WhereInput)");
        }
        requireWithinNodeLimit(node, at);
        return eachOperator(node, at, (key, value, here) -> key(model, key, value, here, depth));
    }

    /**
     * WhereUniqueInput: the object must name at least one unique criterion ({@code id}, an {@code @unique} field,
     * a compound {@code a_b: {a, b}}) by equality; other keys are ordinary filters.
     */
    Filter whereUnique(Model model, JsonNode node, ArgPath at, int depth) {
        if (!node.isObject()) {
            throw QueryErrors.wrongType(
                    at,
                    "an object naming a unique criterion of " + model.name() + " (" + model.name()
                            + "WhereUniqueInput)");
        }
        requireWithinNodeLimit(node, at);
        Map<String, List<String>> criteria = Fields.uniqueCriteria(model);
        boolean named = false;
        List<Filter> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            ArgPath here = at.key(key);
            List<String> fields = criteria.get(key);
            if (fields != null && fields.size() > 1) {
                parts.add(compoundEquals(model, key, fields, value, here));
                named = true;
            } else if (fields != null && !value.isNull() && !value.isObject()) {
                parts.add(new Filter.Compare(
                        model.scalarField(key),
                        Filter.CompareOp.EQ,
                        values.one(model.scalarField(key), value, here),
                        false));
                named = true;
            } else if (fields != null
                    && value.isObject()
                    && value.size() == 1
                    && value.has("equals")
                    && !value.get("equals").isNull()) {
                parts.add(new Filter.Compare(
                        model.scalarField(key),
                        Filter.CompareOp.EQ,
                        values.one(model.scalarField(key), value.get("equals"), here.key("equals")),
                        false));
                named = true;
            } else if (criteria.containsKey(key)) {
                throw QueryErrors.wrongType(
                        here, values.typeName(model.scalarField(key)) + " identifying one " + model.name());
            } else {
                parts.add(key(model, key, value, here, depth));
            }
        }
        if (!named) {
            throw QueryErrors.missingArgument(
                    at, "a unique criterion of " + model.name(), List.copyOf(criteria.keySet()));
        }
        return and(parts);
    }

    private Filter compoundEquals(Model model, String name, List<String> fields, JsonNode value, ArgPath at) {
        if (!value.isObject()) {
            throw QueryErrors.wrongType(at, "an object with the fields " + fields);
        }
        List<Filter> parts = new ArrayList<>();
        for (String f : fields) {
            JsonNode v = value.get(f);
            if (v == null) {
                throw QueryErrors.missingArgument(at.key(f), "field " + f + " of " + name, fields);
            }
            parts.add(new Filter.Compare(
                    model.scalarField(f), Filter.CompareOp.EQ, values.one(model.scalarField(f), v, at.key(f)), false));
        }
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!fields.contains(n)) {
                throw QueryErrors.unknownField(at, model.name(), n, fields);
            }
        }
        return and(parts);
    }

    private Filter key(Model model, String key, JsonNode value, ArgPath at, int depth) {
        switch (key) {
            case "AND":
                return and(list(model, value, at, depth));
            case "OR":
                if (!value.isArray()) {
                    throw QueryErrors.wrongType(
                            at,
                            "a list of filters on " + model.name()
                                    + " (OR takes a list; AND and NOT also take one object)");
                }
                return new Filter.Or(list(model, value, at, depth));
            case "NOT":
                // Prisma: NOT {a, b} is NOT (a AND b); NOT [a, b] is NOT a AND NOT b
                if (value.isArray()) {
                    return and(list(model, value, at, depth).stream()
                            .map(WherePlanner::not)
                            .toList());
                }
                return not(where(model, value, at, depth));
            default:
                break;
        }
        Optional<Field> field = Fields.find(schema, model, key);
        if (field.isEmpty()) {
            List<String> allowed = new ArrayList<>(Fields.names(schema, model));
            allowed.addAll(LOGICAL);
            throw QueryErrors.unknownField(at, model.name(), key, allowed);
        }
        if (field.get() instanceof RelationField relation) {
            return relation(model, relation, value, at, depth);
        }
        return fieldFilter(model, (ScalarField) field.get(), value, at);
    }

    /** A scalar field's where filter: a list's, Json's or a single value's ({@code having} uses it too). */
    Filter fieldFilter(Model model, ScalarField field, JsonNode value, ArgPath at) {
        if (field.isList()) {
            return list(field, value, at);
        }
        if (field.type() == ScalarType.JSON) {
            return json(field, value, at);
        }
        return scalar(model, field, value, at);
    }

    private List<Filter> list(Model model, JsonNode value, ArgPath at, int depth) {
        List<Filter> out = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                out.add(where(model, value.get(i), at.index(i), depth));
            }
        } else {
            out.add(where(model, value, at, depth));
        }
        return out;
    }

    // --- scalar fields -------------------------------------------------------------------------

    /** A filter on one scalar field ({@code having} uses it for aggregate values). */
    Filter scalarOn(Model model, ScalarField field, JsonNode value, ArgPath at) {
        return scalar(model, field, value, at);
    }

    private Filter scalar(Model model, ScalarField field, JsonNode value, ArgPath at) {
        if (value.isNull()) {
            return isNull(field, at);
        }
        if (!value.isObject() || isFieldRef(value)) {
            return equals(model, field, value, at, false);
        }
        List<String> allowed = FilterKind.of(field).operators();
        JsonNode mode = value.get("mode");
        if (mode != null) {
            if (!allowed.contains("mode")) {
                throw QueryErrors.unknownOperator(at.key("mode"), "mode", kind(field), allowed);
            }
            if (!mode.isTextual()
                    || !(mode.textValue().equals("insensitive")
                            || mode.textValue().equals("default"))) {
                throw QueryErrors.invalid(
                        at.key("mode"), "mode must be 'default' or 'insensitive'", List.of("default", "insensitive"));
            }
        }
        return operators(
                model,
                field,
                value,
                at,
                allowed,
                mode != null && mode.textValue().equals("insensitive"));
    }

    /**
     * The operators of a field's filter object. A nested {@code not: {…}} (Prisma's Nested…Filter) has no {@code
     * mode} of its own: the enclosing filter's mode applies inside it.
     */
    private Filter operators(
            Model model, ScalarField field, JsonNode value, ArgPath at, List<String> allowed, boolean insensitive) {
        return eachOperator(value, at, (op, v, here) -> {
            if (!allowed.contains(op)) {
                throw QueryErrors.unknownOperator(here, op, kind(field), allowed);
            }
            switch (op) {
                case "mode":
                    return Filter.TRUE;
                case "equals":
                    return v.isNull() ? isNull(field, here) : equals(model, field, v, here, insensitive);
                case "not":
                    if (v.isNull()) {
                        return not(isNull(field, here));
                    } else if (v.isObject() && !isFieldRef(v)) {
                        return not(operators(
                                model,
                                field,
                                v,
                                here,
                                allowed.stream().filter(o -> !o.equals("mode")).toList(),
                                insensitive));
                    } else {
                        return not(equals(model, field, v, here, insensitive));
                    }
                case "in":
                    return in(field, v, here, insensitive);
                case "notIn":
                    return not(in(field, v, here, insensitive));
                case "lt":
                    return compare(model, field, Filter.CompareOp.LT, v, here, insensitive);
                case "lte":
                    return compare(model, field, Filter.CompareOp.LTE, v, here, insensitive);
                case "gt":
                    return compare(model, field, Filter.CompareOp.GT, v, here, insensitive);
                case "gte":
                    return compare(model, field, Filter.CompareOp.GTE, v, here, insensitive);
                case "contains":
                    return like(field, v, here, true, true, insensitive);
                case "startsWith":
                    return like(field, v, here, false, true, insensitive);
                case "endsWith":
                    return like(field, v, here, true, false, insensitive);
                case "search":
                    if (!PreviewFeatures.fullTextSearch(schema)) {
                        throw QueryErrors.unknownOperator(
                                here,
                                op,
                                kind(field) + " (search needs the fullTextSearchPostgres preview feature)",
                                allowed.stream()
                                        .filter(o -> !o.equals("search"))
                                        .toList());
                    }
                    return new Filter.Search(field, values.one(field, v, here).text());
                default:
                    throw QueryErrors.unknownOperator(here, op, kind(field), allowed);
            }
        });
    }

    private static boolean isFieldRef(JsonNode v) {
        return v.isObject() && v.path("$type").asText("").equals("FieldRef");
    }

    private Filter isNull(ScalarField field, ArgPath at) {
        if (field.isRequired()) {
            throw QueryErrors.invalid(
                    at,
                    "Field " + field.name() + " is required and cannot be null; use a value",
                    List.of(values.typeName(field)));
        }
        return new Filter.IsNull(field);
    }

    private Filter equals(Model model, ScalarField field, JsonNode v, ArgPath at, boolean insensitive) {
        return compare(model, field, Filter.CompareOp.EQ, v, at, insensitive);
    }

    private Filter compare(
            Model model, ScalarField field, Filter.CompareOp op, JsonNode v, ArgPath at, boolean insensitive) {
        if (isFieldRef(v)) {
            JsonNode name = v.get("field");
            Optional<ScalarField> other = name != null && name.isTextual()
                    ? Fields.visibleScalars(model).stream()
                            .filter(f -> f.name().equals(name.textValue()))
                            .findFirst()
                    : Optional.empty();
            if (other.isEmpty()
                    || !other.get().type().equals(field.type())
                    || other.get().isList()) {
                throw QueryErrors.invalid(
                        at.key("field"), "A field reference must name a field of the same type", List.of());
            }
            return new Filter.CompareFields(field, op, other.get());
        }
        return new Filter.Compare(field, op, values.one(field, v, at), insensitive);
    }

    private Filter in(ScalarField field, JsonNode v, ArgPath at, boolean insensitive) {
        Value.Many many = values.many(field, v, at);
        if (many.texts().isEmpty()) {
            return new Filter.Const(false);
        }
        return new Filter.In(field, many, insensitive);
    }

    private static JsonNode wrap(JsonNode v) {
        return JsonNodeFactory.instance.arrayNode().add(v);
    }

    private Filter like(
            ScalarField field, JsonNode v, ArgPath at, boolean anyBefore, boolean anyAfter, boolean insensitive) {
        String text = values.one(field, v, at).text();
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return new Filter.Like(field, (anyBefore ? "%" : "") + escaped + (anyAfter ? "%" : ""), insensitive);
    }

    private String kind(ScalarField field) {
        String type =
                field.type() instanceof FieldType.EnumRef e ? e.enumName() : ((ScalarType) field.type()).prismaName();
        return "field " + field.name() + " (" + type + (field.isList() ? "[]" : field.isOptional() ? "?" : "") + ")";
    }

    // --- scalar lists --------------------------------------------------------------------------

    private Filter list(ScalarField field, JsonNode value, ArgPath at) {
        // Prisma's scalar list filters take exactly one operator
        if (!value.isObject() || value.size() != 1) {
            throw QueryErrors.wrongType(at, "an object with one of " + FilterKind.LIST.operators());
        }
        return eachOperator(value, at, (op, v, here) -> {
            switch (op) {
                case "equals":
                    return v.isNull()
                            ? new Filter.IsNull(field)
                            : new Filter.ListCondition(field, Filter.ListOp.EQUALS, values.many(field, v, here));
                case "has":
                    return new Filter.ListCondition(
                            field,
                            Filter.ListOp.HAS,
                            new Value.Many(
                                    field, List.of(values.one(field, v, here).text())));
                case "hasEvery":
                    return new Filter.ListCondition(field, Filter.ListOp.HAS_EVERY, values.many(field, v, here));
                case "hasSome":
                    return new Filter.ListCondition(field, Filter.ListOp.HAS_SOME, values.many(field, v, here));
                case "isEmpty":
                    return new Filter.ListIsEmpty(field, bool(v, here));
                default:
                    throw QueryErrors.unknownOperator(here, op, kind(field), FilterKind.LIST.operators());
            }
        });
    }

    private static boolean bool(JsonNode v, ArgPath at) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (at.textValues()
                && v.isTextual()
                && (v.textValue().equals("true") || v.textValue().equals("false"))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw QueryErrors.wrongType(at, "a Boolean (true or false)");
    }

    // --- Json ----------------------------------------------------------------------------------

    private Filter json(ScalarField field, JsonNode value, ArgPath at) {
        if (!value.isObject()) {
            throw QueryErrors.wrongType(at, "an object with Json filters " + FilterKind.JSON.operators());
        }
        List<String> path = new ArrayList<>();
        JsonNode pathNode = value.get("path");
        if (pathNode != null) {
            if (!pathNode.isArray()) {
                throw QueryErrors.wrongType(at.key("path"), "a list of keys (strings)");
            }
            for (int i = 0; i < pathNode.size(); i++) {
                JsonNode k = pathNode.get(i);
                if (!k.isTextual() && !k.isIntegralNumber()) {
                    throw QueryErrors.wrongType(at.key("path").index(i), "a key (string)");
                }
                path.add(k.asText());
            }
        }
        boolean insensitive = value.path("mode").asText("default").equals("insensitive");
        return eachOperator(value, at, (op, v, here) -> {
            switch (op) {
                case "path":
                    return Filter.TRUE;
                case "mode":
                    if (!v.isTextual()
                            || !(v.textValue().equals("insensitive")
                                    || v.textValue().equals("default"))) {
                        throw QueryErrors.invalid(
                                here, "mode must be 'default' or 'insensitive'", List.of("default", "insensitive"));
                    }
                    return Filter.TRUE;
                case "equals":
                    return jsonEquals(field, path, v, here);
                case "not":
                    return not(jsonEquals(field, path, v, here));
                case "string_contains":
                case "string_starts_with":
                case "string_ends_with": {
                    if (!v.isTextual()) {
                        throw QueryErrors.wrongType(here, "a String");
                    }
                    String escaped = v.textValue()
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_");
                    String pattern = (op.equals("string_starts_with") ? "" : "%")
                            + escaped
                            + (op.equals("string_ends_with") ? "" : "%");
                    return new Filter.JsonCondition(field, path, Filter.JsonOp.STRING_CONTAINS, pattern, insensitive);
                }
                case "array_contains":
                    return new Filter.JsonCondition(
                            field,
                            path,
                            Filter.JsonOp.ARRAY_CONTAINS,
                            Values.jsonText(v.isArray() ? v : wrap(v)),
                            false);
                case "array_starts_with":
                    return new Filter.JsonCondition(
                            field, path, Filter.JsonOp.ARRAY_STARTS_WITH, Values.jsonText(v), false);
                case "array_ends_with":
                    return new Filter.JsonCondition(
                            field, path, Filter.JsonOp.ARRAY_ENDS_WITH, Values.jsonText(v), false);
                case "lt":
                    return new Filter.JsonCondition(field, path, Filter.JsonOp.LT, jsonScalar(v, here), false);
                case "lte":
                    return new Filter.JsonCondition(field, path, Filter.JsonOp.LTE, jsonScalar(v, here), false);
                case "gt":
                    return new Filter.JsonCondition(field, path, Filter.JsonOp.GT, jsonScalar(v, here), false);
                case "gte":
                    return new Filter.JsonCondition(field, path, Filter.JsonOp.GTE, jsonScalar(v, here), false);
                default:
                    throw QueryErrors.unknownOperator(here, op, kind(field), FilterKind.JSON.operators());
            }
        });
    }

    private static String jsonScalar(JsonNode v, ArgPath at) {
        if (!v.isNumber() && !v.isTextual()) {
            throw QueryErrors.wrongType(at, "a number or a string");
        }
        return Values.jsonText(v);
    }

    /** A plain {@code null} is Prisma's JSON null, as {@code {"$type":"JsonNull"}}. */
    private Filter jsonEquals(ScalarField field, List<String> path, JsonNode v, ArgPath at) {
        if (v.isNull()) {
            return new Filter.JsonIsNull(field, path, Filter.JsonNullKind.JSON_NULL);
        }
        if (v.isObject() && v.size() == 1 && v.has("$type")) {
            switch (v.get("$type").asText()) {
                case "DbNull":
                    return new Filter.JsonIsNull(field, path, Filter.JsonNullKind.DB_NULL);
                case "JsonNull":
                    return new Filter.JsonIsNull(field, path, Filter.JsonNullKind.JSON_NULL);
                case "AnyNull":
                    return new Filter.JsonIsNull(field, path, Filter.JsonNullKind.ANY_NULL);
                default:
                    throw QueryErrors.invalid(
                            at.key("$type"), "Unknown $type", List.of("DbNull", "JsonNull", "AnyNull"));
            }
        }
        return new Filter.JsonCondition(field, path, Filter.JsonOp.EQUALS, Values.jsonText(v), false);
    }

    // --- relations -----------------------------------------------------------------------------

    private Filter relation(Model model, RelationField field, JsonNode value, ArgPath at, int depth) {
        if (depth + 1 > limits.maxDepth()) {
            throw QueryErrors.overDepthLimit(at, limits.maxDepth());
        }
        Hop hop = Fields.hop(schema, model, field);
        if (field.isList()) {
            if (!value.isObject()) {
                throw QueryErrors.wrongType(at, "an object with one of " + TO_MANY_OPS);
            }
            return eachOperator(value, at, (op, v, here) -> {
                Filter.Quantifier q;
                switch (op) {
                    case "some":
                        q = Filter.Quantifier.SOME;
                        break;
                    case "every":
                        q = Filter.Quantifier.EVERY;
                        break;
                    case "none":
                        q = Filter.Quantifier.NONE;
                        break;
                    default:
                        throw QueryErrors.unknownOperator(
                                here,
                                op,
                                "relation " + field.name() + " (" + field.relatedModel() + "[])",
                                TO_MANY_OPS);
                }
                return new Filter.Related(hop, q, Optional.of(where(hop.to(), v, here, depth + 1)));
            });
        }
        if (value.isNull()) {
            return new Filter.Related(hop, Filter.Quantifier.IS, Optional.empty());
        }
        if (!value.isObject()) {
            throw QueryErrors.wrongType(at, "an object: is/isNot, or filters on " + field.relatedModel());
        }
        boolean explicit = value.has("is") || value.has("isNot");
        if (!explicit) {
            return new Filter.Related(hop, Filter.Quantifier.IS, Optional.of(where(hop.to(), value, at, depth + 1)));
        }
        return eachOperator(value, at, (op, v, here) -> {
            if (!TO_ONE_OPS.contains(op)) {
                throw QueryErrors.unknownOperator(
                        here, op, "relation " + field.name() + " (" + field.relatedModel() + ")", TO_ONE_OPS);
            }
            Filter.Quantifier q = op.equals("is") ? Filter.Quantifier.IS : Filter.Quantifier.IS_NOT;
            return new Filter.Related(
                    hop, q, v.isNull() ? Optional.empty() : Optional.of(where(hop.to(), v, here, depth + 1)));
        });
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A filter per operator of {@code value}'s object, from {@code operator}; all of them must hold. */
    private static Filter eachOperator(JsonNode value, ArgPath at, OperatorFilter operator) {
        List<Filter> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(operator.filter(e.getKey(), e.getValue(), at.key(e.getKey())));
        }
        return and(parts);
    }

    /**
     * The filter one operator ({@code op: v}, at {@code here}) stands for; {@link Filter#TRUE} for a modifier such
     * as {@code mode}.
     */
    @FunctionalInterface
    private interface OperatorFilter {
        Filter filter(String op, JsonNode v, ArgPath here);
    }

    /** Counting stops one past the limit, so checking again at every nested level stays cheap. */
    private void requireWithinNodeLimit(JsonNode node, ArgPath at) {
        if (countKeys(node, limits.maxFilterNodes() + 1) > limits.maxFilterNodes()) {
            throw QueryErrors.overFilterNodeLimit(at, limits.maxFilterNodes());
        }
    }

    private static int countKeys(JsonNode node, int stopAt) {
        int count = 0;
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext() && count < stopAt) {
                count += 1 + countKeys(it.next().getValue(), stopAt - count - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && count < stopAt; i++) {
                count += countKeys(node.get(i), stopAt - count);
            }
        }
        return count;
    }

    static Filter and(List<Filter> parts) {
        List<Filter> kept = parts.stream()
                .filter(f -> !(f instanceof Filter.Const c && c.value()))
                .toList();
        if (kept.isEmpty()) {
            return Filter.TRUE;
        }
        return kept.size() == 1 ? kept.get(0) : new Filter.And(kept);
    }

    static Filter not(Filter f) {
        if (f instanceof Filter.Const c) {
            return new Filter.Const(!c.value());
        }
        return new Filter.Not(f);
    }
}
