package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;

/** An expression: argument values, default values, configuration values. */
public sealed interface Expr {

    Span span();

    /** How Prisma names the value in messages: {@code string value `"x"`}. */
    String describe();

    /** {@code "text"}; {@code value} has the escapes resolved, {@code raw} is as written (quotes included). */
    record StringLit(String value, String raw, Span span) implements Expr {
        public String describe() {
            return "string value `" + raw + "`";
        }
    }

    /** {@code 42}, {@code -1.5}. */
    record NumberLit(String text, Span span) implements Expr {
        public String describe() {
            return "numeric value `" + text + "`";
        }
    }

    /** A bare name or dotted path: {@code Desc}, {@code true}, {@code ADMIN}, {@code id}, {@code a.b}. */
    record PathExpr(String path, Span span) implements Expr {
        public String describe() {
            return "literal value `" + path + "`";
        }
    }

    /** {@code now()}, {@code env("URL")}, {@code title(sort: Desc)}. */
    record FunctionCall(Ident name, ArgumentList arguments, Span span) implements Expr {
        public String describe() {
            return "function value `" + name.name() + "`";
        }
    }

    /** The condition of an access policy ({@code @@allow('read', published)}); see {@link PolicyExpr}. */
    record Condition(PolicyExpr condition, Span span) implements Expr {
        public String describe() {
            return "condition `" + span.file().text().substring(span.start(), span.end()) + "`";
        }
    }

    /** {@code [a, b]}. */
    record ArrayExpr(List<Expr> items, Span span) implements Expr {
        public ArrayExpr {
            items = List.copyOf(items);
        }

        public String describe() {
            return "array value `" + span.file().text().substring(span.start(), span.end()) + "`";
        }
    }

    /** {@code { published: { not: false }, deletedAt: null }}: a partial index's {@code where:} object. */
    record ObjectExpr(List<Entry> entries, Span span) implements Expr {
        public ObjectExpr {
            entries = List.copyOf(entries);
        }

        public String describe() {
            return "object value `" + span.file().text().substring(span.start(), span.end()) + "`";
        }
    }

    /** {@code key: value} inside an {@link ObjectExpr}. */
    record Entry(Ident key, Expr value) {}
}
