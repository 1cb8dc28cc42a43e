package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code [a, b(sort: Desc, length: 10, ops: JsonbPathOps)]} → index fields. */
final class IndexFields {

    private IndexFields() {}

    static List<IndexField> parse(Expr expr, String attributeName, Context ctx) {
        List<Expr> items = expr instanceof Expr.ArrayExpr array ? array.items() : List.of(expr);
        List<IndexField> fields = new ArrayList<>();
        for (Expr item : items) {
            if (item instanceof Expr.PathExpr path) {
                fields.add(IndexField.of(path.path()));
            } else if (item instanceof Expr.FunctionCall call) {
                fields.add(withArguments(call, attributeName, ctx));
            } else {
                ctx.push(SchemaErrors.plain(
                        item.span(), "Expected a constant literal value, but received " + item.describe() + "."));
            }
        }
        return fields;
    }

    private static IndexField withArguments(Expr.FunctionCall call, String attributeName, Context ctx) {
        Optional<IndexField.SortOrder> sort = Optional.empty();
        Optional<Integer> length = Optional.empty();
        Optional<String> ops = Optional.empty();
        for (Argument argument : call.arguments().arguments()) {
            String name = argument.name().map(n -> n.name()).orElse("");
            Optional<Expr> value = argument.value();
            if (name.equals("sort") && value.isPresent()) {
                sort = sortOrder(value.get(), ctx);
            } else if (name.equals("length") && value.isPresent()) {
                length = nonNegative(value.get(), ctx);
            } else if (name.equals("ops") && value.isPresent()) {
                ops = Optional.of(Expressions.text(value.get()));
            }
            // Prisma ignores other arguments here (real schemas write `id(order: Desc)`), so do we.
        }
        return new IndexField(call.name().name(), sort, length, ops);
    }

    static Optional<IndexField.SortOrder> sortOrder(Expr value, Context ctx) {
        if (value instanceof Expr.PathExpr path
                && (path.path().equals("Asc") || path.path().equals("Desc"))) {
            return Optional.of(path.path().equals("Asc") ? IndexField.SortOrder.ASC : IndexField.SortOrder.DESC);
        }
        if (value instanceof Expr.PathExpr path) {
            ctx.push(SchemaErrors.plain(
                    value.span(), "Invalid sort order `" + path.path() + "`. Valid values are `Asc` and `Desc`."));
        } else {
            ctx.push(SchemaErrors.plain(
                    value.span(), "Expected a constant value, but received " + value.describe() + "."));
        }
        return Optional.empty();
    }

    static Optional<Integer> nonNegative(Expr value, Context ctx) {
        if (value instanceof Expr.NumberLit number && number.text().matches("\\d+")) {
            return Optional.of(Integer.parseInt(number.text()));
        }
        if (value instanceof Expr.NumberLit number) {
            ctx.push(SchemaErrors.plain(
                    value.span(), "Expected a nonnegative integer, but found (" + number.text() + ")."));
        } else {
            ctx.push(SchemaErrors.plain(
                    value.span(), "Expected a numeric value, but received " + value.describe() + "."));
        }
        return Optional.empty();
    }
}
