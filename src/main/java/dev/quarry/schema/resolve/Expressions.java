package dev.quarry.schema.resolve;

import dev.quarry.schema.syntax.Expr;

final class Expressions {

    private Expressions() {}

    /** The source text of an expression. */
    static String text(Expr expr) {
        return expr.span()
                .file()
                .text()
                .substring(expr.span().start(), expr.span().end());
    }

    /** The value of a string literal, else the source text. */
    static String value(Expr expr) {
        return expr instanceof Expr.StringLit string ? string.value() : text(expr);
    }
}
