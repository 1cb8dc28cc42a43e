package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PolicyOptions;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Comment;
import dev.quarry.schema.syntax.CommentAttributes;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The datasource block's {@code /// @@policies(roles: ["r", …], force: true)} → {@link PolicyOptions}: the roles
 * are role names (never {@code PUBLIC}), {@code force} is {@code true} or {@code false}. A schema with rules and no
 * roles gets a warning: its tables are then granted to nobody.
 */
final class PolicyOptionsResolver {

    private static final String NAME = "@@" + CommentAttributes.POLICY_OPTIONS;

    private final Context ctx;

    PolicyOptionsResolver(Context ctx) {
        this.ctx = ctx;
    }

    PolicyOptions resolve(List<Model> models) {
        List<Attribute> written = new ArrayList<>();
        for (Top.Block block : ctx.blocks(Top.Keyword.DATASOURCE)) {
            for (Member member : block.members()) {
                if (member instanceof Member.Comments comments) {
                    for (Comment comment : comments.block().comments()) {
                        CommentAttributes.policyOptions(comment, ctx.diagnostics)
                                .ifPresent(written::add);
                    }
                }
            }
        }
        for (Attribute extra : written.subList(Math.min(1, written.size()), written.size())) {
            ctx.push(SchemaErrors.attribute(
                    extra.span(), NAME, "The policy options are declared once, in one `/// " + NAME + "(…)` line."));
        }
        PolicyOptions options = written.isEmpty() ? PolicyOptions.NONE : options(written.get(0));
        Optional<Model> withRules = models.stream().filter(Model::hasPolicies).findFirst();
        if (options.roles().isEmpty() && withRules.isPresent()) {
            ctx.push(SchemaErrors.plainWarning(
                    ctx.tops.get(withRules.get().name()).name().span(),
                    "The tables of models with access rules are "
                            + "granted to no role, so only their owner reaches them. Declare the roles that may, in "
                            + "the datasource block: "
                            + "`/// " + NAME + "(roles: [\"app_user\"])`."));
        }
        return options;
    }

    private PolicyOptions options(Attribute attribute) {
        Arguments arguments = new Arguments(attribute, "@@", ctx);
        List<String> roles = arguments.take("roles", true).map(this::roles).orElse(List.of());
        boolean force = arguments.take("force", false).map(this::bool).orElse(false);
        arguments.finish();
        return new PolicyOptions(roles, force);
    }

    private List<String> roles(Expr value) {
        if (!(value instanceof Expr.ArrayExpr array) || array.items().isEmpty()) {
            ctx.push(SchemaErrors.attribute(
                    value.span(), NAME, "`roles` is a list of role names, such as `[\"app_user\", \"app_admin\"]`."));
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Expr item : array.items()) {
            if (!(item instanceof Expr.StringLit role) || role.value().isBlank()) {
                ctx.push(SchemaErrors.attribute(
                        item.span(), NAME, "Expected a role name as a string, but received " + item.describe() + "."));
            } else if (role.value().equalsIgnoreCase("public")) {
                ctx.push(SchemaErrors.attribute(
                        item.span(),
                        NAME,
                        "PUBLIC is every role of the database cluster, any login included: "
                                + "name the roles the API switches to instead."));
            } else if (!roles.add(role.value())) {
                ctx.push(SchemaErrors.attribute(
                        item.span(), NAME, "The role \"" + role.value() + "\" is listed twice."));
            }
        }
        return List.copyOf(roles);
    }

    private boolean bool(Expr value) {
        if (value instanceof Expr.PathExpr path
                && (path.path().equals("true") || path.path().equals("false"))) {
            return path.path().equals("true");
        }
        ctx.push(SchemaErrors.attribute(
                value.span(), NAME, "`force` is `true` or `false`, but received " + value.describe() + "."));
        return false;
    }
}
