package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;

/**
 * The condition of an access policy, as written: {@code published || auth().id == authorId},
 * {@code posts?[published]}, {@code future().authorId == auth().id}. Syntax only; names are resolved
 * against the model by the resolver.
 */
public sealed interface PolicyExpr {

    Span span();

    /** {@code 'text'} or {@code "text"} ({@code value} unescaped), {@code 42}, {@code true}, {@code null}. */
    record Literal(LiteralKind kind, String value, Span span) implements PolicyExpr {}

    enum LiteralKind {
        STRING,
        NUMBER,
        BOOLEAN,
        NULL
    }

    /** A bare name: a field of the model, or an enum value. */
    record Name(String name, Span span) implements PolicyExpr {}

    /** {@code auth()} or {@code future()}: the only functions a condition knows. */
    record Call(Ident function, Span span) implements PolicyExpr {}

    /** {@code length(name)}: the number of characters of a String field, in data rules ({@code @@validate}). */
    record Length(PolicyExpr argument, Span span) implements PolicyExpr {
        public static final String FUNCTION = "length";
    }

    /** {@code target.member}: {@code auth().id}, {@code author.name}. */
    record Member(PolicyExpr target, Ident member, Span span) implements PolicyExpr {}

    /** {@code posts?[c]} (some), {@code posts![c]} (every), {@code posts^[c]} (none). */
    record Collection(PolicyExpr target, Quantifier quantifier, PolicyExpr condition, Span span)
            implements PolicyExpr {}

    enum Quantifier {
        SOME,
        EVERY,
        NONE
    }

    record Binary(BinaryOp op, PolicyExpr left, PolicyExpr right, Span span) implements PolicyExpr {}

    enum BinaryOp {
        OR("||"),
        AND("&&"),
        EQ("=="),
        NE("!="),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">="),
        IN("in");

        public final String text;

        BinaryOp(String text) {
            this.text = text;
        }

        public boolean isComparison() {
            return this != OR && this != AND;
        }
    }

    /** {@code !operand}. */
    record Not(PolicyExpr operand, Span span) implements PolicyExpr {}

    /** {@code ['a', 'b']}, the right side of {@code in}. */
    record ArrayLit(List<PolicyExpr> items, Span span) implements PolicyExpr {
        public ArrayLit {
            items = List.copyOf(items);
        }
    }

    /** A condition that did not parse; the error is already reported. */
    record Invalid(Span span) implements PolicyExpr {}
}
