package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The arguments of one attribute; every argument must be taken, the rest is reported as "No such argument." */
final class Arguments {

    private final Attribute attribute;
    private final String attributeName;
    private final List<Argument> remaining;
    private final Context ctx;

    Arguments(Attribute attribute, String prefix, Context ctx) {
        this.attribute = attribute;
        this.attributeName = prefix + attribute.name().name();
        this.remaining = new ArrayList<>(attribute.argumentList());
        this.ctx = ctx;
    }

    String attributeName() {
        return attributeName;
    }

    Attribute attribute() {
        return attribute;
    }

    /** The named argument, or else (when {@code positional}) the first unnamed one. */
    Optional<Expr> take(String name, boolean positional) {
        for (Argument argument : remaining) {
            if (argument.isNamed(name)) {
                remaining.remove(argument);
                return argument.value();
            }
        }
        if (positional) {
            for (Argument argument : remaining) {
                if (argument.name().isEmpty()) {
                    remaining.remove(argument);
                    return argument.value();
                }
            }
        }
        return Optional.empty();
    }

    Optional<String> takeString(String name, boolean positional) {
        Optional<Expr> value = take(name, positional);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof Expr.StringLit string) {
            return Optional.of(string.value());
        }
        ctx.push(SchemaErrors.plain(
                value.get().span(),
                "Expected a string value, but received " + value.get().describe() + "."));
        return Optional.empty();
    }

    /** Like {@link #takeString} for the attribute's one required argument, reported when absent. */
    Optional<String> requireString(String name) {
        if (attribute.argumentList().stream()
                .noneMatch(a -> a.isNamed(name) || a.name().isEmpty())) {
            ctx.push(SchemaErrors.plain(attribute.span(), "Argument \"" + name + "\" is missing."));
            return Optional.empty();
        }
        return takeString(name, true);
    }

    /** Reports every argument nobody took. */
    void finish() {
        for (Argument argument : remaining) {
            if (argument.name().isPresent() && argument.value().isEmpty()) {
                ctx.push(SchemaErrors.attribute(
                        argument.span(),
                        attributeName,
                        "The argument `" + argument.name().get().name() + "` is missing a value."));
            } else {
                ctx.push(SchemaErrors.attribute(argument.span(), attributeName, "No such argument."));
            }
        }
        remaining.clear();
    }
}
