package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Policy;
import dev.quarry.schema.model.PolicyCondition;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Access policies ({@code @@allow}, {@code @@deny}, {@code @allow}, {@code @deny}, as attributes or in {@code ///}
 * comments) → {@link Policy}: operations checked, names resolved against the model, types compared, and the
 * constructs PostgreSQL cannot enforce reported where they are written.
 */
final class PolicyResolver {

    private static final String OPERATIONS = "'create', 'read', 'update', 'delete' or 'all'";

    private final Context ctx;
    private final Schema schema;

    PolicyResolver(Context ctx, Schema schema) {
        this.ctx = ctx;
        this.schema = schema;
    }

    static boolean isPolicy(Attribute attribute) {
        String name = attribute.name().name();
        return name.equals("allow") || name.equals("deny");
    }

    /** The policy attributes of a block, with the field each field-level one belongs to. */
    private record Written(Attribute attribute, Optional<Member.FieldDecl> field) {}

    /** Every model with its policies; views and composite types may have none. */
    List<Model> resolve(List<Top.Block> blocks) {
        Map<String, Model> models = new LinkedHashMap<>();
        schema.models().forEach(m -> models.put(m.name(), m));
        for (Top.Block block : blocks) {
            List<Written> written = written(block);
            if (written.isEmpty()) {
                continue;
            }
            Optional<Model> model = block.keyword() == Top.Keyword.MODEL
                    ? schema.findModel(block.name().name())
                    : Optional.empty();
            if (model.isEmpty()) {
                for (Written w : written) {
                    ctx.push(SchemaErrors.attribute(
                            w.attribute().span(),
                            prefix(w) + w.attribute().name().name(),
                            "Access policies can only be defined on models, not on a "
                                    + block.keyword().containerType() + "."));
                }
                continue;
            }
            List<Policy> policies = new ArrayList<>();
            for (Written w : written) {
                policy(model.get(), w).ifPresent(policies::add);
            }
            fieldGrantsExpressible(model.get(), policies, written);
            models.put(model.get().name(), model.get().withPolicies(policies));
        }
        return List.copyOf(models.values());
    }

    private List<Written> written(Top.Block block) {
        List<Written> written = new ArrayList<>();
        block.leadingComments().ifPresent(comments -> fromComments(comments, Optional.empty(), written));
        List<Member.FieldDecl> fields = block.fields();
        List<Member> members = block.members();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (member instanceof Member.BlockAttribute attribute && isPolicy(attribute.attribute())) {
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
                    if (isPolicy(attribute)) {
                        written.add(new Written(attribute, Optional.of(field)));
                    }
                }
                field.trailingComment()
                        .flatMap(c -> CommentAttributes.policy(c, ctx.diagnostics))
                        .flatMap(a -> commentRule(a, Optional.of(field)))
                        .ifPresent(written::add);
            }
        }
        return written;
    }

    private void fromComments(CommentBlock comments, Optional<Member.FieldDecl> documented, List<Written> written) {
        for (Comment comment : comments.comments()) {
            CommentAttributes.policy(comment, ctx.diagnostics)
                    .flatMap(a -> commentRule(a, documented))
                    .ifPresent(written::add);
        }
    }

    /**
     * A {@code @@} rule in a comment is the model's; a {@code @} rule belongs to the field the comment documents.
     */
    private Optional<Written> commentRule(Attribute attribute, Optional<Member.FieldDecl> documented) {
        if (CommentAttributes.isBlockLevel(attribute)) {
            return Optional.of(new Written(attribute, Optional.empty()));
        }
        if (documented.isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    "@" + attribute.name().name(),
                    "A field-level rule in a comment must be in the `///` comment right above its field, "
                            + "or after it on the same line."));
            return Optional.empty();
        }
        return Optional.of(new Written(attribute, documented));
    }

    private static String prefix(Written w) {
        return w.field().isPresent() ? "@" : "@@";
    }

    private Optional<Policy> policy(Model model, Written w) {
        Attribute attribute = w.attribute();
        String name = prefix(w) + attribute.name().name();
        List<Argument> arguments = attribute.argumentList();
        if (arguments.size() == 1
                && arguments.get(0).value().orElse(null) instanceof Expr.Condition c
                && c.condition() instanceof PolicyExpr.Invalid) {
            return Optional.empty();
        }
        if (arguments.size() != 2
                || !(arguments.get(0).value().orElse(null) instanceof Expr.StringLit operationsText)
                || !(arguments.get(1).value().orElse(null) instanceof Expr.Condition condition)) {
            ctx.push(SchemaErrors.attribute(
                    attribute.span(),
                    name,
                    "Expected the operations and a condition: " + name + "('read', published)."));
            return Optional.empty();
        }
        Optional<Set<Policy.Operation>> operations =
                operations(operationsText, name, w.field().isPresent());
        Optional<String> fieldName = Optional.empty();
        if (w.field().isPresent()) {
            String field = w.field().get().name().name();
            if (model.findScalarField(field).isEmpty()) {
                ctx.push(SchemaErrors.attribute(
                        attribute.span(),
                        name,
                        "Field-level rules are column privileges: only scalar fields can have them, not "
                                + "the "
                                + "relation field `" + field + "`."));
                return Optional.empty();
            }
            fieldName = Optional.of(field);
        }
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        boolean futureAllowed = fieldName.isEmpty() && operations.get().equals(Set.of(Policy.Operation.UPDATE));
        Scope scope = new Scope(model, name, futureAllowed);
        Optional<Typed> typed = scope.resolve(condition.condition());
        if (typed.isEmpty()
                || !scope.condition(typed.get(), condition.condition().span())) {
            return Optional.empty();
        }
        boolean deny = attribute.name().name().equals("deny");
        if (typed.get().future() && !futureConjunctsSeparate(condition.condition(), scope, deny)) {
            return Optional.empty();
        }
        if (fieldName.isPresent()
                && FieldAccess.grantees(typed.get().condition()).isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    condition.span(),
                    name,
                    "A field-level rule becomes a column GRANT, which cannot depend on the row or on "
                            + "claims "
                            + "other than `auth().role`: use `true`, `false`, `auth().role == 'name'`, `auth().role "
                            + "in ['a', 'b']` or `||` of them."));
            return Optional.empty();
        }
        Policy.Effect effect = attribute.name().name().equals("allow") ? Policy.Effect.ALLOW : Policy.Effect.DENY;
        String source = attribute
                .span()
                .file()
                .text()
                .substring(attribute.span().start(), attribute.span().end());
        return Optional.of(
                new Policy(effect, operations.get(), fieldName, typed.get().condition(), source));
    }

    /**
     * A data rule's condition ({@code @@validate}): the policies' grammar over the model's own scalar fields, with
     * {@code length(field)}; no {@code auth()}, {@code future()} or relations, which a CHECK constraint cannot
     * read.
     */
    Optional<PolicyCondition> ruleCondition(Model model, String attributeName, PolicyExpr condition) {
        Scope scope = new Scope(model, attributeName, false);
        scope.dataRule = true;
        Optional<Typed> typed = scope.resolve(condition);
        if (typed.isEmpty() || !scope.condition(typed.get(), condition.span())) {
            return Optional.empty();
        }
        return Optional.of(typed.get().condition());
    }

    private Optional<Set<Policy.Operation>> operations(Expr.StringLit text, String attributeName, boolean fieldLevel) {
        Set<Policy.Operation> operations = EnumSet.noneOf(Policy.Operation.class);
        for (String part : text.value().split(",", -1)) {
            String operation = part.trim();
            if (operation.equals("all")) {
                operations.addAll(
                        fieldLevel
                                ? EnumSet.of(Policy.Operation.READ, Policy.Operation.UPDATE)
                                : EnumSet.allOf(Policy.Operation.class));
                continue;
            }
            Optional<Policy.Operation> known = EnumSet.allOf(Policy.Operation.class).stream()
                    .filter(o -> o.text.equals(operation))
                    .findFirst();
            if (known.isEmpty()) {
                ctx.push(SchemaErrors.attribute(
                        text.span(),
                        attributeName,
                        "Invalid operation \"" + operation + "\": expected " + OPERATIONS
                                + ", or several separated by commas."));
                return Optional.empty();
            }
            if (fieldLevel && (known.get() == Policy.Operation.CREATE || known.get() == Policy.Operation.DELETE)) {
                ctx.push(SchemaErrors.attribute(
                        text.span(),
                        attributeName,
                        "Field-level rules govern 'read' and 'update' only, not \"" + operation + "\"."));
                return Optional.empty();
            }
            operations.add(known.get());
        }
        return Optional.of(operations);
    }

    /**
     * An update rule with {@code future()}: PostgreSQL checks the row before the update ({@code USING}) apart from
     * the row after it ({@code WITH CHECK}), so each {@code &&} operand must read one of them only (a deny rule:
     * the row after only).
     */
    private boolean futureConjunctsSeparate(PolicyExpr condition, Scope scope, boolean deny) {
        if (condition instanceof PolicyExpr.Binary b && b.op() == PolicyExpr.BinaryOp.AND) {
            return futureConjunctsSeparate(b.left(), scope, deny) & futureConjunctsSeparate(b.right(), scope, deny);
        }
        Typed typed = scope.resolve(condition).orElseThrow();
        if (deny && !typed.future()) {
            ctx.push(SchemaErrors.attribute(
                    condition.span(),
                    scope.attributeName,
                    "A deny rule with `future()` may only read the row after the update: "
                            + "PostgreSQL cannot deny on the row before and the row after together. Write this part "
                            + "as its own rule."));
            return false;
        }
        if (typed.future() && typed.row()) {
            ctx.push(SchemaErrors.attribute(
                    condition.span(),
                    scope.attributeName,
                    "This condition mixes `future()` with the row before the update. "
                            + "PostgreSQL checks the row before an update (USING) apart from the row after it (WITH "
                            + "CHECK): write conditions on one or the other, joined by `&&`."));
            return false;
        }
        return true;
    }

    /**
     * Types as conditions see them; {@code CLAIMS} is {@code auth()}, {@code CLAIM} one claim (text, typed by what
     * it meets).
     */
    private enum Kind {
        BOOLEAN,
        STRING,
        NUMBER,
        DATETIME,
        ENUM,
        CLAIMS,
        CLAIM,
        NULL
    }

    /**
     * A resolved operand with its type; {@code row}/{@code future} say whether it reads the row before/after an
     * update.
     */
    private record Typed(
            PolicyCondition condition,
            Kind kind,
            Optional<String> enumName,
            String description,
            boolean row,
            boolean future) {}

    /** A value reached through to-one relations: {@code author.name}. */
    private record RelationPath(List<String> relationFields, Typed value) {}

    /** Where names are resolved: the model a condition reads, and what it may use. */
    private final class Scope {
        final Model model;
        final String attributeName;
        final boolean futureAllowed;
        /** In a data rule: only the row's own scalar fields, literals and {@code length(field)}. */
        boolean dataRule;

        Scope(Model model, String attributeName, boolean futureAllowed) {
            this.model = model;
            this.attributeName = attributeName;
            this.futureAllowed = futureAllowed;
        }

        private void error(Span span, String message) {
            ctx.push(SchemaErrors.attribute(span, attributeName, message));
        }

        /** Reports a condition that is no boolean. */
        boolean condition(Typed typed, Span span) {
            if (typed.kind() == Kind.BOOLEAN || typed.kind() == Kind.CLAIM) {
                return true;
            }
            error(span, "A condition must be true or false, but " + typed.description() + " is not a Boolean.");
            return false;
        }

        Optional<Typed> resolve(PolicyExpr expr) {
            if (dataRule
                    && (expr instanceof PolicyExpr.Call
                            || expr instanceof PolicyExpr.Member
                            || expr instanceof PolicyExpr.Collection)) {
                error(
                        expr.span(),
                        "A data rule reads the model's own scalar fields only (and `length(field)`), not "
                                + "`auth()`, "
                                + "`future()` or relations: "
                                + "PostgreSQL checks it on the row alone.");
                return Optional.empty();
            }
            if (expr instanceof PolicyExpr.Length length) {
                return length(length);
            }
            if (expr instanceof PolicyExpr.Literal literal) {
                return Optional.of(literal(literal));
            }
            if (expr instanceof PolicyExpr.Name name) {
                return field(name);
            }
            if (expr instanceof PolicyExpr.Call call) {
                return call(call);
            }
            if (expr instanceof PolicyExpr.Member member) {
                return member(member);
            }
            if (expr instanceof PolicyExpr.Collection collection) {
                return collection(collection);
            }
            if (expr instanceof PolicyExpr.Not not) {
                Optional<Typed> operand = resolve(not.operand());
                if (operand.isEmpty() || !condition(operand.get(), not.operand().span())) {
                    return Optional.empty();
                }
                return Optional.of(
                        bool(new PolicyCondition.Not(operand.get().condition()), operand.get(), operand.get()));
            }
            if (expr instanceof PolicyExpr.Binary binary) {
                return binary(binary);
            }
            if (expr instanceof PolicyExpr.ArrayLit array) {
                error(array.span(), "A list can only be the right side of `in`.");
                return Optional.empty();
            }
            return Optional.empty();
        }

        private Typed literal(PolicyExpr.Literal literal) {
            switch (literal.kind()) {
                case STRING:
                    return new Typed(
                            new PolicyCondition.Text(literal.value()),
                            Kind.STRING,
                            Optional.empty(),
                            "the string '" + literal.value() + "'",
                            false,
                            false);
                case NUMBER:
                    return new Typed(
                            new PolicyCondition.Number(new BigDecimal(literal.value())),
                            Kind.NUMBER,
                            Optional.empty(),
                            "the number " + literal.value(),
                            false,
                            false);
                case BOOLEAN:
                    return new Typed(
                            new PolicyCondition.Bool(literal.value().equals("true")),
                            Kind.BOOLEAN,
                            Optional.empty(),
                            literal.value(),
                            false,
                            false);
                default:
                    return new Typed(new PolicyCondition.Null(), Kind.NULL, Optional.empty(), "null", false, false);
            }
        }

        private Optional<Typed> field(PolicyExpr.Name name) {
            Optional<ScalarField> scalar = model.findScalarField(name.name());
            if (scalar.isPresent()) {
                return typedField(
                        scalar.get(), new PolicyCondition.Column(scalar.get().name()), name.span(), false);
            }
            if (model.findRelationField(name.name()).isPresent()) {
                error(
                        name.span(),
                        "The relation field `" + name.name() + "` is no value: read one of its fields (`" + name.name()
                                + ".id`) or, for a list, test its rows (`" + name.name() + "?[condition]`).");
                return Optional.empty();
            }
            error(name.span(), "Unknown field `" + name.name() + "` in model `" + model.name() + "`.");
            return Optional.empty();
        }

        private Optional<Typed> typedField(ScalarField field, PolicyCondition condition, Span span, boolean future) {
            String description = (future ? "future()." : "") + "the field `" + field.name() + "`";
            if (field.isList()) {
                error(span, "The list field `" + field.name() + "` cannot be used in a condition.");
                return Optional.empty();
            }
            FieldType type = field.type();
            Kind kind;
            Optional<String> enumName = Optional.empty();
            if (type instanceof FieldType.EnumRef ref) {
                kind = Kind.ENUM;
                enumName = Optional.of(ref.enumName());
            } else if (type == ScalarType.BOOLEAN) {
                kind = Kind.BOOLEAN;
            } else if (type == ScalarType.STRING) {
                kind = Kind.STRING;
            } else if (type == ScalarType.INT
                    || type == ScalarType.BIGINT
                    || type == ScalarType.FLOAT
                    || type == ScalarType.DECIMAL) {
                kind = Kind.NUMBER;
            } else if (type == ScalarType.DATETIME) {
                kind = Kind.DATETIME;
            } else {
                error(
                        span,
                        "The field `" + field.name()
                                + "` has a type conditions cannot compare (only String, Boolean, numbers, DateTime "
                                + "and "
                                + "enums).");
                return Optional.empty();
            }
            return Optional.of(new Typed(condition, kind, enumName, description, !future, future));
        }

        private Optional<Typed> length(PolicyExpr.Length length) {
            if (!dataRule) {
                error(length.span(), "`length(…)` can only be used in data rules (`@@validate`).");
                return Optional.empty();
            }
            Optional<ScalarField> field = length.argument() instanceof PolicyExpr.Name name
                    ? model.findScalarField(name.name())
                    : Optional.empty();
            if (field.isEmpty()
                    || field.get().type() != ScalarType.STRING
                    || field.get().isList()) {
                error(length.argument().span(), "`length(…)` takes a String field of model `" + model.name() + "`.");
                return Optional.empty();
            }
            return Optional.of(new Typed(
                    new PolicyCondition.Length(field.get().name()),
                    Kind.NUMBER,
                    Optional.empty(),
                    "length(" + field.get().name() + ")",
                    true,
                    false));
        }

        private Optional<Typed> call(PolicyExpr.Call call) {
            String function = call.function().name();
            if (function.equals("auth")) {
                return Optional.of(new Typed(
                        new PolicyCondition.Claim(List.of()), Kind.CLAIMS, Optional.empty(), "auth()", false, false));
            }
            if (function.equals("future")) {
                error(call.span(), "`future()` is the row after the update: use one of its fields, `future().field`.");
                return Optional.empty();
            }
            error(
                    call.function().span(),
                    "Unknown function `" + function + "()`: a condition knows `auth()` and `future()`.");
            return Optional.empty();
        }

        private Optional<Typed> member(PolicyExpr.Member member) {
            String name = member.member().name();
            if (member.target() instanceof PolicyExpr.Call call
                    && call.function().name().equals("future")) {
                if (!futureAllowed) {
                    error(
                            call.span(),
                            "`future()` can only be used in a model's rules for 'update' alone: it is the "
                                    + "row "
                                    + "after the update.");
                    return Optional.empty();
                }
                Optional<ScalarField> field = model.findScalarField(name);
                if (field.isEmpty()) {
                    error(
                            member.member().span(),
                            "Unknown field `" + name + "` in model `" + model.name() + "`"
                                    + (model.findRelationField(name).isPresent()
                                            ? " (relations cannot be read after an update)."
                                            : "."));
                    return Optional.empty();
                }
                return typedField(field.get(), new PolicyCondition.Future(name), member.span(), true);
            }
            if (startsAtRelation(member)) {
                Optional<RelationPath> path = relationPath(member);
                if (path.isEmpty()) {
                    return Optional.empty();
                }
                if (path.get().value().kind() != Kind.BOOLEAN) {
                    error(
                            member.span(),
                            path.get().value().description() + " reads a related row: compare it with a value, as in `"
                                    + path.get().value().description().replace("`", "") + " == 'x'`.");
                    return Optional.empty();
                }
                return Optional.of(new Typed(
                        related(path.get(), path.get().value().condition()),
                        Kind.BOOLEAN,
                        Optional.empty(),
                        path.get().value().description(),
                        true,
                        false));
            }
            Optional<Typed> resolved = resolve(member.target());
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            if (resolved.get().condition() instanceof PolicyCondition.Claim claim) {
                List<String> path = new ArrayList<>(claim.path());
                path.add(name);
                return Optional.of(new Typed(
                        new PolicyCondition.Claim(path),
                        Kind.CLAIM,
                        Optional.empty(),
                        "auth()." + String.join(".", path),
                        false,
                        false));
            }
            error(member.member().span(), resolved.get().description() + " has no member `" + name + "`.");
            return Optional.empty();
        }

        /** Whether the expression is {@code relation.…}, a path through a relation field of this model. */
        private boolean startsAtRelation(PolicyExpr expr) {
            PolicyExpr target = expr;
            while (target instanceof PolicyExpr.Member m) {
                target = m.target();
            }
            return expr instanceof PolicyExpr.Member
                    && target instanceof PolicyExpr.Name first
                    && model.findRelationField(first.name()).isPresent();
        }

        /** The condition on the row at the end of the path, wrapped as a condition on this row. */
        private PolicyCondition related(RelationPath path, PolicyCondition condition) {
            for (int i = path.relationFields().size() - 1; i >= 0; i--) {
                condition = new PolicyCondition.Related(
                        path.relationFields().get(i), PolicyCondition.Quantifier.SOME, condition);
            }
            return condition;
        }

        /** {@code author.name}, {@code author.org.name}: a value through to-one relations; errors reported. */
        private Optional<RelationPath> relationPath(PolicyExpr expr) {
            PolicyExpr.Member member = (PolicyExpr.Member) expr;
            List<String> names = new ArrayList<>();
            PolicyExpr target = member;
            while (target instanceof PolicyExpr.Member m) {
                names.add(0, m.member().name());
                target = m.target();
            }
            if (!(target instanceof PolicyExpr.Name first)
                    || model.findRelationField(first.name()).isEmpty()) {
                return Optional.empty();
            }
            names.add(0, first.name());
            Model current = model;
            List<String> relations = new ArrayList<>();
            for (int i = 0; i < names.size() - 1; i++) {
                Optional<RelationField> relation = current.findRelationField(names.get(i));
                if (relation.isEmpty()) {
                    error(
                            member.span(),
                            "`" + names.get(i) + "` is no relation field of model `" + current.name() + "`.");
                    return Optional.empty();
                }
                if (relation.get().isList()) {
                    error(
                            member.span(),
                            "`" + names.get(i) + "` is a list of rows: test them with a collection predicate, `"
                                    + names.get(i) + "?[condition]`.");
                    return Optional.empty();
                }
                if (!supportedRelation(current, relation.get(), member.span())) {
                    return Optional.empty();
                }
                relations.add(relation.get().name());
                current = schema.model(relation.get().relatedModel());
            }
            String last = names.get(names.size() - 1);
            Optional<ScalarField> field = current.findScalarField(last);
            if (field.isEmpty()) {
                error(member.member().span(), "Unknown field `" + last + "` in model `" + current.name() + "`.");
                return Optional.empty();
            }
            Scope related = new Scope(current, attributeName, false);
            return related.typedField(field.get(), new PolicyCondition.Column(last), member.span(), false)
                    .map(t -> new RelationPath(
                            relations,
                            new Typed(
                                    t.condition(),
                                    t.kind(),
                                    t.enumName(),
                                    "`" + String.join(".", names) + "`",
                                    true,
                                    false)));
        }

        private boolean supportedRelation(Model owner, RelationField field, Span span) {
            Relation relation = schema.relationOf(owner, field);
            if (relation.kind() == Relation.Kind.MANY_TO_MANY) {
                error(
                        span,
                        "Conditions on implicit many-to-many relations (`" + field.name()
                                + "`) are not supported; use an explicit join model.");
                return false;
            }
            return true;
        }

        private Optional<Typed> collection(PolicyExpr.Collection collection) {
            if (!(collection.target() instanceof PolicyExpr.Name name)
                    || model.findRelationField(name.name()).isEmpty()) {
                error(
                        collection.target().span(),
                        "A collection predicate (`?[…]`, `![…]`, `^[…]`) applies to a relation field of "
                                + "model `"
                                + model.name() + "`.");
                return Optional.empty();
            }
            RelationField field = model.findRelationField(name.name()).get();
            if (!supportedRelation(model, field, collection.target().span())) {
                return Optional.empty();
            }
            Scope related = new Scope(schema.model(field.relatedModel()), attributeName, false);
            Optional<Typed> inner = related.resolve(collection.condition());
            if (inner.isEmpty()
                    || !related.condition(inner.get(), collection.condition().span())) {
                return Optional.empty();
            }
            PolicyCondition.Quantifier quantifier =
                    PolicyCondition.Quantifier.valueOf(collection.quantifier().name());
            return Optional.of(new Typed(
                    new PolicyCondition.Related(
                            field.name(), quantifier, inner.get().condition()),
                    Kind.BOOLEAN,
                    Optional.empty(),
                    "the collection predicate",
                    true,
                    false));
        }

        private Typed bool(PolicyCondition condition, Typed left, Typed right) {
            return new Typed(
                    condition,
                    Kind.BOOLEAN,
                    Optional.empty(),
                    "the condition",
                    left.row() || right.row(),
                    left.future() || right.future());
        }

        private Optional<Typed> binary(PolicyExpr.Binary binary) {
            if (binary.op() == PolicyExpr.BinaryOp.AND || binary.op() == PolicyExpr.BinaryOp.OR) {
                Optional<Typed> left = resolve(binary.left());
                Optional<Typed> right = resolve(binary.right());
                if (left.isEmpty()
                        || right.isEmpty()
                        || !condition(left.get(), binary.left().span())
                                | !condition(right.get(), binary.right().span())) {
                    return Optional.empty();
                }
                PolicyCondition combined = binary.op() == PolicyExpr.BinaryOp.AND
                        ? new PolicyCondition.And(
                                left.get().condition(), right.get().condition())
                        : new PolicyCondition.Or(
                                left.get().condition(), right.get().condition());
                return Optional.of(bool(combined, left.get(), right.get()));
            }
            boolean leftRelated = startsAtRelation(binary.left());
            boolean rightRelated = startsAtRelation(binary.right());
            if (leftRelated || rightRelated) {
                Optional<RelationPath> leftPath = leftRelated ? relationPath(binary.left()) : Optional.empty();
                Optional<RelationPath> rightPath = rightRelated ? relationPath(binary.right()) : Optional.empty();
                if (leftPath.isEmpty() && rightPath.isEmpty()) {
                    return Optional.empty();
                }
                return relatedComparison(binary, leftPath, rightPath);
            }
            return comparison(binary);
        }

        /**
         * {@code author.name == 'x'} becomes a condition on the related row: the other side may not read this row.
         */
        private Optional<Typed> relatedComparison(
                PolicyExpr.Binary binary, Optional<RelationPath> leftPath, Optional<RelationPath> rightPath) {
            if (leftPath.isPresent() && rightPath.isPresent()) {
                error(binary.span(), "Only one side of a comparison can read a related row.");
                return Optional.empty();
            }
            RelationPath path = leftPath.orElseGet(rightPath::get);
            PolicyExpr other = leftPath.isPresent() ? binary.right() : binary.left();
            Optional<Typed> otherTyped =
                    other instanceof PolicyExpr.Name name && path.value().kind() == Kind.ENUM
                            ? enumValue(name, path.value())
                            : resolve(other);
            if (otherTyped.isEmpty()) {
                return Optional.empty();
            }
            if (otherTyped.get().row() || otherTyped.get().future()) {
                error(
                        other.span(),
                        "A comparison with a related row's field can only compare it with a value or a "
                                + "claim of "
                                + "`auth()`, not with a field of this row.");
                return Optional.empty();
            }
            Typed left = leftPath.isPresent() ? path.value() : otherTyped.get();
            Typed right = leftPath.isPresent() ? otherTyped.get() : path.value();
            Optional<PolicyCondition> compared = compare(binary, left, right);
            if (compared.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Typed(
                    related(path, compared.get()), Kind.BOOLEAN, Optional.empty(), "the comparison", true, false));
        }

        private Optional<Typed> comparison(PolicyExpr.Binary binary) {
            if (binary.op() == PolicyExpr.BinaryOp.IN) {
                return in(binary);
            }
            Optional<Typed> left;
            Optional<Typed> right;
            if (binary.left() instanceof PolicyExpr.Name name
                    && model.findField(name.name()).isEmpty()
                    && !(binary.right() instanceof PolicyExpr.Name)) {
                right = resolve(binary.right());
                left = right.flatMap(r -> enumValue(name, r));
            } else {
                left = resolve(binary.left());
                right = binary.right() instanceof PolicyExpr.Name name
                                && model.findField(name.name()).isEmpty()
                        ? left.flatMap(l -> enumValue(name, l))
                        : resolve(binary.right());
            }
            if (left.isEmpty() || right.isEmpty()) {
                return Optional.empty();
            }
            return compare(binary, left.get(), right.get()).map(c -> bool(c, left.get(), right.get()));
        }

        /** A bare name next to an enum field is a value of that enum ({@code status == PUBLISHED}). */
        private Optional<Typed> enumValue(PolicyExpr.Name name, Typed other) {
            if (other.kind() == Kind.ENUM) {
                EnumType enumType = schema.findEnum(other.enumName().get()).orElseThrow();
                if (enumType.values().stream().anyMatch(v -> v.name().equals(name.name()))) {
                    return Optional.of(new Typed(
                            new PolicyCondition.EnumValue(enumType.name(), name.name()),
                            Kind.ENUM,
                            other.enumName(),
                            "`" + name.name() + "`",
                            false,
                            false));
                }
                error(
                        name.span(),
                        "`" + name.name() + "` is neither a field of model `" + model.name() + "` nor a value of enum `"
                                + enumType.name() + "`.");
                return Optional.empty();
            }
            return field(name);
        }

        private Optional<PolicyCondition> compare(PolicyExpr.Binary binary, Typed left, Typed right) {
            PolicyCondition.Comparison op =
                    PolicyCondition.Comparison.valueOf(binary.op().name());
            boolean equality = op == PolicyCondition.Comparison.EQ || op == PolicyCondition.Comparison.NE;
            if (left.kind() == Kind.NULL || right.kind() == Kind.NULL) {
                if (!equality) {
                    error(binary.span(), "`null` can only be compared with `==` or `!=`.");
                    return Optional.empty();
                }
            } else if (left.kind() == Kind.CLAIMS || right.kind() == Kind.CLAIMS) {
                error(
                        binary.span(),
                        "`auth()` is the whole set of claims: compare it with `null` only, or compare one "
                                + "claim "
                                + "(`auth().id`).");
                return Optional.empty();
            } else if (left.kind() != Kind.CLAIM && right.kind() != Kind.CLAIM && !comparable(left, right)) {
                error(
                        binary.span(),
                        "Type mismatch: " + left.description() + " (" + describe(left) + ") cannot be compared with "
                                + right.description() + " (" + describe(right) + ").");
                return Optional.empty();
            }
            if (!equality) {
                Typed typed = left.kind() == Kind.CLAIM ? right : left;
                if (typed.kind() == Kind.BOOLEAN || typed.kind() == Kind.ENUM) {
                    error(
                            binary.span(),
                            "`" + binary.op().text + "` compares numbers, strings and dates, not " + describe(typed)
                                    + ".");
                    return Optional.empty();
                }
            }
            return Optional.of(new PolicyCondition.Compare(op, left.condition(), right.condition()));
        }

        private boolean comparable(Typed left, Typed right) {
            if (left.kind() == Kind.ENUM || right.kind() == Kind.ENUM) {
                return left.kind() == right.kind() && left.enumName().equals(right.enumName());
            }
            if (left.kind() == Kind.DATETIME || right.kind() == Kind.DATETIME) {
                return (left.kind() == Kind.DATETIME || left.kind() == Kind.STRING)
                        && (right.kind() == Kind.DATETIME || right.kind() == Kind.STRING);
            }
            return left.kind() == right.kind();
        }

        private String describe(Typed typed) {
            return typed.kind() == Kind.ENUM
                    ? "enum " + typed.enumName().get()
                    : typed.kind().name().charAt(0)
                            + typed.kind().name().substring(1).toLowerCase();
        }

        private Optional<Typed> in(PolicyExpr.Binary binary) {
            Optional<Typed> left = resolve(binary.left());
            if (left.isEmpty()) {
                return Optional.empty();
            }
            if (!(binary.right() instanceof PolicyExpr.ArrayLit array)) {
                error(binary.right().span(), "The right side of `in` must be a list of values, such as ['a', 'b'].");
                return Optional.empty();
            }
            List<PolicyCondition> values = new ArrayList<>();
            for (PolicyExpr item : array.items()) {
                Optional<Typed> value = item instanceof PolicyExpr.Name name
                                && left.get().kind() == Kind.ENUM
                        ? enumValue(name, left.get())
                        : item instanceof PolicyExpr.Literal literal ? Optional.of(literal(literal)) : Optional.empty();
                if (value.isEmpty()) {
                    if (!(item instanceof PolicyExpr.Name)) {
                        error(item.span(), "A list after `in` holds values only.");
                    }
                    return Optional.empty();
                }
                if (left.get().kind() != Kind.CLAIM && !comparable(left.get(), value.get())) {
                    error(
                            item.span(),
                            "Type mismatch: " + value.get().description() + " (" + describe(value.get())
                                    + ") in a list compared with " + left.get().description() + " ("
                                    + describe(left.get()) + ").");
                    return Optional.empty();
                }
                values.add(value.get().condition());
            }
            return Optional.of(new Typed(
                    new PolicyCondition.In(left.get().condition(), values),
                    Kind.BOOLEAN,
                    Optional.empty(),
                    "the condition",
                    left.get().row(),
                    left.get().future()));
        }
    }

    /**
     * A field cannot give a column to every role but some: PostgreSQL has no per-role exception to {@code PUBLIC}.
     */
    private void fieldGrantsExpressible(Model model, List<Policy> policies, List<Written> written) {
        for (ScalarField field : model.scalarFields()) {
            List<Policy> rules = policies.stream()
                    .filter(p -> p.field().filter(field.name()::equals).isPresent())
                    .toList();
            for (Policy.Operation operation : List.of(Policy.Operation.READ, Policy.Operation.UPDATE)) {
                if (!rules.isEmpty() && FieldAccess.grantees(rules, operation).isEmpty()) {
                    Span span = written.stream()
                            .filter(w -> w.field()
                                            .filter(f -> f.name().name().equals(field.name()))
                                            .isPresent()
                                    && w.attribute().name().name().equals("deny"))
                            .findFirst()
                            .orElseThrow()
                            .attribute()
                            .span();
                    ctx.push(SchemaErrors.attribute(
                            span,
                            "@deny",
                            "The field `" + field.name() + "` would be " + operation.text
                                    + "able by every role but some: column privileges cannot take a column back from "
                                    + "a few roles of PUBLIC. Allow the roles that may instead."));
                }
            }
        }
    }
}
