package dev.quarry.query.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryException;
import dev.quarry.schema.model.DataRule;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PolicyCondition;
import dev.quarry.schema.model.ScalarField;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The data rules of a model checked on a write's values before any statement runs, with PostgreSQL's meaning: a
 * NULL passes (as a CHECK constraint lets it), and a {@code @@validate} is checked here only when the body gives
 * every field it reads; otherwise its constraint decides, and its refusal (23514) is the same problem.
 */
public final class RuleChecks {

    private RuleChecks() {}

    /** The field's rules on the value about to be written at {@code at}. */
    static void checkField(Model model, ScalarField field, JsonNode value, ArgPath at) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return;
        }
        for (DataRule.FieldRule rule : model.fieldRules(field.name())) {
            if (!holds(rule, value)) {
                throw broken(at, model.name() + "." + field.name(), rule.source(), rule.requirement());
            }
        }
    }

    /** The model's {@code @@validate} rules on the object of field values at {@code at}. */
    static void checkModel(Model model, JsonNode data, ArgPath at) {
        for (DataRule rule : model.rules()) {
            if (rule instanceof DataRule.Validate validate) {
                Optional<Boolean> result = evaluate(validate.condition(), data);
                if (result.isPresent() && !result.get()) {
                    throw broken(
                            at,
                            model.name(),
                            validate.source(),
                            validate.message().orElse("the condition is false for these values"));
                }
            }
        }
    }

    private static QueryException broken(ArgPath at, String where, String rule, String why) {
        return at.error(
                ErrorCode.RULE_BROKEN,
                "The value at " + at.display() + " breaks the rule " + rule + " of " + where + ": " + why,
                List.of(rule));
    }

    private static boolean holds(DataRule.FieldRule rule, JsonNode value) {
        if (rule.kind().onStrings) {
            String s = value.asText();
            int length = s.codePointCount(0, s.length());
            String text = rule.text().orElse("");
            switch (rule.kind()) {
                case LENGTH:
                    return rule.min().map(min -> length >= min.intValue()).orElse(true)
                            && rule.max().map(max -> length <= max.intValue()).orElse(true);
                case STARTS_WITH:
                    return s.startsWith(text);
                case ENDS_WITH:
                    return s.endsWith(text);
                case CONTAINS:
                    return s.contains(text);
                case REGEX:
                    return Pattern.compile(text).matcher(s).find();
                case EMAIL:
                    return Pattern.compile(DataRule.EMAIL_PATTERN).matcher(s).find();
                default:
                    return Pattern.compile(DataRule.URL_PATTERN).matcher(s).find();
            }
        }
        Optional<BigDecimal> number = number(value);
        if (number.isEmpty()) {
            return true; // not a number: the value's own check reports it
        }
        int c = number.get().compareTo(rule.min().orElseThrow());
        switch (rule.kind()) {
            case GT:
                return c > 0;
            case GTE:
                return c >= 0;
            case LT:
                return c < 0;
            default:
                return c <= 0;
        }
    }

    private static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        try {
            return Optional.of(new BigDecimal(value.asText().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The condition on the body's values, with SQL's three values (empty: unknown, which passes); empty too when a
     * field is not given plainly.
     */
    private static Optional<Boolean> evaluate(PolicyCondition condition, JsonNode data) {
        Set<String> fields = new HashSet<>();
        fields(condition, fields);
        for (String field : fields) {
            JsonNode v = data.get(field);
            if (v == null
                    || v.isContainerNode()
                            && !(v.isObject()
                                    && v.size() == 1
                                    && v.has("set")
                                    && !v.get("set").isContainerNode())) {
                return Optional.empty();
            }
        }
        Object result = value(condition, data);
        return result instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    private static void fields(PolicyCondition condition, Set<String> out) {
        if (condition instanceof PolicyCondition.Column c) {
            out.add(c.field());
        } else if (condition instanceof PolicyCondition.Length l) {
            out.add(l.field());
        } else if (condition instanceof PolicyCondition.Compare c) {
            fields(c.left(), out);
            fields(c.right(), out);
        } else if (condition instanceof PolicyCondition.In in) {
            fields(in.left(), out);
        } else if (condition instanceof PolicyCondition.And a) {
            fields(a.left(), out);
            fields(a.right(), out);
        } else if (condition instanceof PolicyCondition.Or o) {
            fields(o.left(), out);
            fields(o.right(), out);
        } else if (condition instanceof PolicyCondition.Not n) {
            fields(n.operand(), out);
        }
    }

    /** A value: String, BigDecimal, Boolean, or null (SQL's NULL and unknown alike). */
    private static Object value(PolicyCondition condition, JsonNode data) {
        if (condition instanceof PolicyCondition.Text t) {
            return t.value();
        }
        if (condition instanceof PolicyCondition.Number n) {
            return n.value();
        }
        if (condition instanceof PolicyCondition.Bool b) {
            return b.value();
        }
        if (condition instanceof PolicyCondition.EnumValue e) {
            return e.value();
        }
        if (condition instanceof PolicyCondition.Column c) {
            return scalar(plain(data.get(c.field())));
        }
        if (condition instanceof PolicyCondition.Length l) {
            Object v = scalar(plain(data.get(l.field())));
            return v instanceof String s ? BigDecimal.valueOf(s.codePointCount(0, s.length())) : null;
        }
        if (condition instanceof PolicyCondition.Compare c) {
            if (c.right() instanceof PolicyCondition.Null || c.left() instanceof PolicyCondition.Null) {
                PolicyCondition other = c.right() instanceof PolicyCondition.Null ? c.left() : c.right();
                boolean isNull = value(other, data) == null;
                return c.op() == PolicyCondition.Comparison.EQ ? isNull : !isNull;
            }
            return compare(c.op(), value(c.left(), data), value(c.right(), data));
        }
        if (condition instanceof PolicyCondition.In in) {
            Object left = value(in.left(), data);
            if (left == null) {
                return null;
            }
            return in.values().stream()
                    .anyMatch(v -> Boolean.TRUE.equals(compare(PolicyCondition.Comparison.EQ, left, value(v, data))));
        }
        if (condition instanceof PolicyCondition.And a) {
            Object l = value(a.left(), data);
            Object r = value(a.right(), data);
            return Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)
                    ? Boolean.FALSE
                    : l == null || r == null ? null : Boolean.TRUE;
        }
        if (condition instanceof PolicyCondition.Or o) {
            Object l = value(o.left(), data);
            Object r = value(o.right(), data);
            return Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)
                    ? Boolean.TRUE
                    : l == null || r == null ? null : Boolean.FALSE;
        }
        if (condition instanceof PolicyCondition.Not n) {
            Object v = value(n.operand(), data);
            return v == null ? null : !(Boolean) v;
        }
        return null;
    }

    private static JsonNode plain(JsonNode v) {
        return v != null && v.isObject() && v.has("set") ? v.get("set") : v;
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v.asText();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Boolean compare(PolicyCondition.Comparison op, Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        if (left instanceof String && right instanceof BigDecimal) {
            left = number(TextNode.valueOf((String) left)).orElse(null);
        } else if (right instanceof String && left instanceof BigDecimal) {
            right = number(TextNode.valueOf((String) right)).orElse(null);
        }
        if (left == null || right == null || left.getClass() != right.getClass()) {
            return null;
        }
        int c = ((Comparable) left).compareTo(right);
        switch (op) {
            case EQ:
                return c == 0;
            case NE:
                return c != 0;
            case LT:
                return c < 0;
            case LE:
                return c <= 0;
            case GT:
                return c > 0;
            default:
                return c >= 0;
        }
    }

    /**
     * The rule behind a CHECK constraint PostgreSQL refused, with the field it is on (empty for a model's rule).
     */
    public static Optional<Map.Entry<DataRule, Optional<String>>> ruleOf(Model model, String constraint) {
        return model.rules().stream()
                .filter(r -> r.constraintName().equals(constraint))
                .findFirst()
                .map(r -> Map.entry(
                        r, r instanceof DataRule.FieldRule f ? Optional.of(f.field()) : Optional.<String>empty()));
    }
}
