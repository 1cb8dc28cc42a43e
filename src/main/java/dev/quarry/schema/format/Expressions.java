package dev.quarry.schema.format;

import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.ArgumentList;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.TypeRef;
import java.util.stream.Collectors;

/** Canonical text of types, attributes and expressions: {@code ", "} between items, no trailing commas. */
final class Expressions {

    private Expressions() {}

    static String type(TypeRef type) {
        String base = type.unsupported()
                .map(s -> "Unsupported(" + s.raw() + ")")
                .orElse(type.name().name());
        switch (type.shape()) {
            case OPTIONAL:
                return base + "?";
            case LIST:
            case LEGACY_LIST:
                return base + "[]";
            case OPTIONAL_LIST:
                return base + "[]?";
            default:
                return base;
        }
    }

    /** {@code name(args)} without the {@code @} prefix. */
    static String attribute(Attribute attribute) {
        if (attribute.arguments().isPresent()
                && attribute.argumentList().stream().anyMatch(a -> a.value().orElse(null) instanceof Expr.Condition)) {
            return verbatim(attribute);
        }
        return attribute.name().name()
                + attribute.arguments().map(Expressions::arguments).orElse("");
    }

    /** An access policy's attribute as written: its condition has no canonical form to reprint. */
    private static String verbatim(Attribute attribute) {
        String text = attribute
                .span()
                .file()
                .text()
                .substring(attribute.name().span().start(), attribute.span().end());
        return text.strip();
    }

    static String arguments(ArgumentList list) {
        return list.arguments().stream().map(Expressions::argument).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String argument(Argument argument) {
        String name = argument.name().map(n -> n.name() + ": ").orElse("");
        return name + argument.value().map(Expressions::expression).orElse("");
    }

    static String expression(Expr expr) {
        if (expr instanceof Expr.StringLit string) {
            return string.raw();
        }
        if (expr instanceof Expr.NumberLit number) {
            return number.text();
        }
        if (expr instanceof Expr.PathExpr path) {
            return path.path();
        }
        if (expr instanceof Expr.FunctionCall call) {
            return call.name().name() + arguments(call.arguments());
        }
        if (expr instanceof Expr.Condition condition) {
            return condition
                    .span()
                    .file()
                    .text()
                    .substring(condition.span().start(), condition.span().end());
        }
        if (expr instanceof Expr.ObjectExpr object) {
            return object.entries().isEmpty()
                    ? "{}"
                    : object.entries().stream()
                            .map(e -> e.key().name() + ": " + expression(e.value()))
                            .collect(Collectors.joining(", ", "{ ", " }"));
        }
        Expr.ArrayExpr array = (Expr.ArrayExpr) expr;
        return array.items().stream().map(Expressions::expression).collect(Collectors.joining(", ", "[", "]"));
    }
}
