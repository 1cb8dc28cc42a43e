package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.DataRule;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PolicyCondition;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Comment;
import dev.quarry.schema.syntax.CommentAttributes;
import dev.quarry.schema.syntax.CommentBlock;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.PolicyExpr;
import dev.quarry.schema.syntax.Top;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Data rules ({@code @email}, {@code @length(1, 80)}, {@code @gt(0)}, {@code @@validate(…)}, {@code @@check(…)}, as
 * attributes or in {@code ///} comments) → {@link DataRule}: each checked against the field it is on, named as its
 * CHECK constraint, reported where it is written when it does not fit.
 */
final class RuleResolver {

    static final String VALIDATE = "validate";
    static final String CHECK = "check";
    private static final List<String> FIELD_RULES =
            Arrays.stream(DataRule.Kind.values()).map(k -> k.attribute).toList();
    private static final List<String> COMMENT_NAMES;

    static {
        List<String> names = new ArrayList<>(FIELD_RULES);
        names.add(VALIDATE);
        names.add(CHECK);
        COMMENT_NAMES = List.copyOf(names);
    }

    private final Context ctx;
    private final PolicyResolver conditions;

    RuleResolver(Context ctx, Schema schema) {
        this.ctx = ctx;
        this.conditions = new PolicyResolver(ctx, schema);
    }

    static boolean isFieldRule(Attribute attribute) {
        return FIELD_RULES.contains(attribute.name().name());
    }

    static boolean isModelRule(Attribute attribute) {
        String name = attribute.name().name();
        return name.equals(VALIDATE) || name.equals(CHECK);
    }

    /** A rule as written, with the field it is on (empty for {@code @@validate} and {@code @@check}). */
    private record Written(Attribute attribute, Optional<Member.FieldDecl> field) {}

    List<Model> resolve(List<Model> models, List<Top.Block> blocks) {
        Map<String, Model> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        for (Top.Block block : blocks) {
            List<Written> written = written(block);
            if (written.isEmpty()) {
                continue;
            }
            Model model = block.keyword() == Top.Keyword.MODEL
                    ? byName.get(block.name().name())
                    : null;
            if (model == null) {
                for (Written w : written) {
                    ctx.push(SchemaErrors.attribute(
                            w.attribute().span(),
                            prefix(w) + w.attribute().name().name(),
                            "Data rules can only be defined on models, not on a "
                                    + block.keyword().containerType() + "."));
                }
                continue;
            }
            List<DataRule> rules = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int validates = 0;
            for (Written w : written) {
                Optional<DataRule> rule;
                if (w.field().isPresent()) {
                    rule = fieldRule(model, w);
                } else if (w.attribute().name().name().equals(VALIDATE)) {
                    rule = validate(model, w, ++validates);
                } else {
                    rule = check(model, w);
                }
                if (rule.isPresent() && !seen.add(rule.get().constraintName())) {
                    ctx.push(SchemaErrors.attribute(
                            w.attribute().span(),
                            prefix(w) + w.attribute().name().name(),
                            "The constraint name `" + rule.get().constraintName()
                                    + "` is already used by another rule of model `" + model.name() + "`."));
                    continue;
                }
                rule.ifPresent(rules::add);
            }
            byName.put(model.name(), model.withRules(rules));
        }
        return List.copyOf(byName.values());
    }

    private List<Written> written(Top.Block block) {
        List<Written> written = new ArrayList<>();
        block.leadingComments().ifPresent(comments -> fromComments(comments, Optional.empty(), written));
        List<Member.FieldDecl> fields = block.fields();
        for (Member member : block.members()) {
            if (member instanceof Member.BlockAttribute attribute && isModelRule(attribute.attribute())) {
                written.add(new Written(attribute.attribute(), Optional.empty()));
            } else if (member instanceof Member.Comments comments) {
                Optional<Member.FieldDecl> documented = fields.stream()
                        .filter(f -> f.leadingComments()
                                .filter(c -> c == comments.block())
                                .isPresent())
                        .findFirst();
                fromComments(comments.block(), documented, written);
            } else if (member instanceof Member.FieldDecl field) {
                for (Attribute attribute : field.attributes()) {
                    if (isFieldRule(attribute)) {
                        written.add(new Written(attribute, Optional.of(field)));
                    }
                }
                field.trailingComment()
                        .flatMap(c -> CommentAttributes.named(c, COMMENT_NAMES, ctx.diagnostics))
                        .flatMap(a -> commentRule(a, Optional.of(field)))
                        .ifPresent(written::add);
            }
        }
        return written;
    }

    private void fromComments(CommentBlock comments, Optional<Member.FieldDecl> documented, List<Written> written) {
        for (Comment comment : comments.comments()) {
            CommentAttributes.named(comment, COMMENT_NAMES, ctx.diagnostics)
                    .flatMap(a -> commentRule(a, documented))
                    .ifPresent(written::add);
        }
    }

    private Optional<Written> commentRule(Attribute attribute, Optional<Member.FieldDecl> documented) {
        boolean blockLevel = CommentAttributes.isBlockLevel(attribute);
        if (blockLevel != isModelRule(attribute)) {
            String name = attribute.name().name();
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    (blockLevel ? "@@" : "@") + name,
                    isModelRule(attribute)
                            ? "`" + name + "` is a model's rule: write it `@@" + name + "(…)`."
                            : "`" + name + "` is a field's rule: write it `@" + name
                                    + "` in the `///` comment above its field."));
            return Optional.empty();
        }
        if (blockLevel) {
            return Optional.of(new Written(attribute, Optional.empty()));
        }
        if (documented.isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    "@" + attribute.name().name(),
                    "A field's rule in a comment must be in the `///` comment right above its field, or "
                            + "after it on the same line."));
            return Optional.empty();
        }
        return Optional.of(new Written(attribute, documented));
    }

    private static String prefix(Written w) {
        return w.field().isPresent() ? "@" : "@@";
    }

    private static String source(Attribute attribute) {
        return attribute
                .span()
                .file()
                .text()
                .substring(attribute.span().start(), attribute.span().end());
    }

    private Optional<DataRule> fieldRule(Model model, Written w) {
        Attribute attribute = w.attribute();
        String name = "@" + attribute.name().name();
        DataRule.Kind kind = DataRule.Kind.of(attribute.name().name()).orElseThrow();
        String fieldName = w.field().get().name().name();
        Optional<ScalarField> field = model.findScalarField(fieldName);
        if (field.isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    name,
                    "Data rules apply to scalar fields, not to the relation field `" + fieldName + "`."));
            return Optional.empty();
        }
        boolean numeric = List.of(ScalarType.INT, ScalarType.BIGINT, ScalarType.FLOAT, ScalarType.DECIMAL)
                .contains(field.get().type());
        boolean fits = !field.get().isList() && (kind.onStrings ? field.get().type() == ScalarType.STRING : numeric);
        if (!fits) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    name,
                    "`" + name + "` applies to " + (kind.onStrings ? "String" : "Int, BigInt, Float and Decimal")
                            + " fields that are not lists; `" + fieldName + "` is " + typeName(field.get())
                            + (field.get().isList() ? "[]" : "") + "."));
            return Optional.empty();
        }
        Arguments args = new Arguments(attribute, "@", ctx);
        Optional<String> text = Optional.empty();
        Optional<BigDecimal> min = Optional.empty();
        Optional<BigDecimal> max = Optional.empty();
        switch (kind) {
            case LENGTH:
                min = number(args, "min", name);
                max = number(args, "max", name);
                if (min.isEmpty() && max.isEmpty()) {
                    ctx.push(SchemaErrors.attribute(
                            attribute.span(),
                            name,
                            "`@length` takes a minimum, a maximum or both: `@length(1, 80)`, `@length(max: "
                                    + "80)`."));
                    args.finish();
                    return Optional.empty();
                }
                for (BigDecimal bound : List.of(min.orElse(BigDecimal.ZERO), max.orElse(BigDecimal.ZERO))) {
                    if (bound.signum() < 0 || bound.stripTrailingZeros().scale() > 0) {
                        ctx.push(SchemaErrors.attribute(
                                attribute.span(), name, "The bounds of `@length` are whole numbers, 0 or more."));
                        args.finish();
                        return Optional.empty();
                    }
                }
                if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                    ctx.push(SchemaErrors.attribute(
                            attribute.span(), name, "The minimum of `@length` is larger than its maximum."));
                    args.finish();
                    return Optional.empty();
                }
                break;
            case STARTS_WITH:
            case ENDS_WITH:
            case CONTAINS:
            case REGEX:
                text = args.requireString(kind == DataRule.Kind.REGEX ? "pattern" : "text");
                if (text.isEmpty()) {
                    args.finish();
                    return Optional.empty();
                }
                if (kind == DataRule.Kind.REGEX) {
                    try {
                        Pattern.compile(text.get());
                    } catch (PatternSyntaxException e) {
                        ctx.push(SchemaErrors.attribute(
                                attribute.span(), name, "Invalid regular expression: " + e.getDescription() + "."));
                        args.finish();
                        return Optional.empty();
                    }
                }
                break;
            case EMAIL:
            case URL:
                break;
            default:
                boolean given = !attribute.argumentList().isEmpty();
                min = number(args, "value", name);
                if (min.isEmpty()) {
                    if (!given) {
                        ctx.push(SchemaErrors.attribute(
                                attribute.span(),
                                name,
                                "`" + name + "` takes the bound as a number: `" + name + "(0)`."));
                    }
                    args.finish();
                    return Optional.empty();
                }
                break;
        }
        args.finish();
        String constraint =
                ConstraintNames.fieldCheck(model.dbName(), field.get().dbName(), kind.attribute);
        return Optional.of(new DataRule.FieldRule(fieldName, kind, text, min, max, source(attribute), constraint));
    }

    private static String typeName(ScalarField field) {
        if (field.type() instanceof ScalarType scalar) {
            return scalar.prismaName();
        }
        return field.type() instanceof FieldType.EnumRef ref ? ref.enumName() : "not a scalar";
    }

    private Optional<BigDecimal> number(Arguments args, String argument, String attributeName) {
        Optional<Expr> value = args.take(argument, true);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof Expr.NumberLit number) {
            return Optional.of(new BigDecimal(number.text()));
        }
        ctx.push(SchemaErrors.attribute(
                value.get().span(),
                attributeName,
                "Expected a number, but received " + value.get().describe() + "."));
        return Optional.empty();
    }

    private Optional<DataRule> validate(Model model, Written w, int position) {
        Attribute attribute = w.attribute();
        List<Argument> arguments = attribute.argumentList();
        if (arguments.isEmpty() || !(arguments.get(0).value().orElse(null) instanceof Expr.Condition condition)) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    "@@validate",
                    "Expected a condition and a message: @@validate(length(name) > 2, \"name is too " + "short\")."));
            return Optional.empty();
        }
        if (condition.condition() instanceof PolicyExpr.Invalid) {
            return Optional.empty();
        }
        Optional<String> message =
                arguments.size() > 1 && arguments.get(1).value().orElse(null) instanceof Expr.StringLit text
                        ? Optional.of(text.value())
                        : Optional.empty();
        Optional<PolicyCondition> resolved = conditions.ruleCondition(model, "@@validate", condition.condition());
        return resolved.map(c -> new DataRule.Validate(
                c, message, source(attribute), ConstraintNames.validateCheck(model.dbName(), position)));
    }

    private Optional<DataRule> check(Model model, Written w) {
        Arguments args = new Arguments(w.attribute(), "@@", ctx);
        Optional<String> expression = args.requireString("expression");
        Optional<String> name = args.takeString("name", false);
        args.finish();
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        if (expression.get().isBlank()) {
            ctx.push(SchemaErrors.attribute(
                    w.attribute().span(),
                    "@@check",
                    "The expression is empty: write the SQL condition, `expression: \"price > 0\"`."));
            return Optional.empty();
        }
        if (name.isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    w.attribute().span(),
                    "@@check",
                    "Argument \"name\" is missing: the CHECK constraint's name, `name: "
                            + "\"Product_price_check\"`."));
            return Optional.empty();
        }
        return Optional.of(new DataRule.Check(expression.get(), source(w.attribute()), name.get()));
    }
}
