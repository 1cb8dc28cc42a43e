package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code @@allow}/{@code @@deny}/{@code @allow}/{@code @deny}: {@code ('read,update', condition)},
 * ZenStack's expression grammar on one line. Precedence, loosest first: {@code ||}, {@code &&}, comparisons and
 * {@code in}, {@code !}, member access and collection predicates.
 */
final class PolicyParser {

    static final List<String> ATTRIBUTE_NAMES = List.of("allow", "deny");
    /** {@code @@validate(condition, "message")}: a data rule over the model's own fields, in the same grammar. */
    static final String VALIDATE = "validate";

    private final Scanner in;

    private PolicyParser(Scanner in) {
        this.in = in;
    }

    /** A syntax error at one position; the attribute's arguments are then kept as text. */
    private static final class SyntaxError extends RuntimeException {
        final int position;

        SyntaxError(int position, String message) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    /**
     * Parses {@code (…)} at the position. On a syntax error the error is reported, the position moves past the
     * closing parenthesis (or to the end of the line) and the condition is {@link PolicyExpr.Invalid}.
     */
    static ArgumentList arguments(Scanner in, String attributeName, List<Diagnostic> diagnostics) {
        int start = in.pos;
        if (!in.eat("(")) {
            return null;
        }
        PolicyParser parser = new PolicyParser(in);
        try {
            List<Argument> arguments = new ArrayList<>();
            parser.space();
            if (attributeName.endsWith(VALIDATE)) {
                return parser.validateArguments(start, arguments);
            }
            int opsStart = in.pos;
            PolicyExpr.Literal operations = parser.string();
            if (operations == null) {
                throw new SyntaxError(
                        opsStart, "expected the operations as a string, such as 'read' or 'create,update'");
            }
            arguments.add(new Argument(
                    Optional.empty(),
                    Optional.of(new Expr.StringLit(
                            operations.value(),
                            in.text.substring(opsStart, operations.span().end()),
                            operations.span())),
                    operations.span()));
            parser.space();
            if (!in.eat(",")) {
                throw new SyntaxError(in.pos, "expected `,` and a condition after the operations");
            }
            parser.space();
            PolicyExpr condition = parser.or();
            arguments.add(new Argument(
                    Optional.empty(), Optional.of(new Expr.Condition(condition, condition.span())), condition.span()));
            parser.space();
            if (!in.eat(")")) {
                throw new SyntaxError(
                        in.pos, in.atEnd() || in.atNewline() ? "expected `)`" : "unexpected `" + in.peek() + "`");
            }
            return new ArgumentList(arguments, in.span(start));
        } catch (SyntaxError error) {
            int end = Math.min(error.position + 1, lineEnd(in, error.position));
            diagnostics.add(SchemaErrors.attribute(
                    new Span(in.file, error.position, end),
                    attributeName,
                    "Invalid condition: " + error.getMessage() + "."));
            in.pos = start;
            skipArguments(in);
            Span span = in.span(start);
            Expr invalid = new Expr.Condition(new PolicyExpr.Invalid(span), span);
            return new ArgumentList(List.of(new Argument(Optional.empty(), Optional.of(invalid), span)), span);
        }
    }

    /** {@code (condition)} or {@code (condition, "message")}, the opening parenthesis already read. */
    private ArgumentList validateArguments(int start, List<Argument> arguments) {
        PolicyExpr condition = or();
        arguments.add(new Argument(
                Optional.empty(), Optional.of(new Expr.Condition(condition, condition.span())), condition.span()));
        space();
        if (in.eat(",")) {
            space();
            int messageStart = in.pos;
            PolicyExpr.Literal message = string();
            if (message == null) {
                throw new SyntaxError(messageStart, "expected the message as a string after the condition");
            }
            arguments.add(new Argument(
                    Optional.empty(),
                    Optional.of(new Expr.StringLit(
                            message.value(),
                            in.text.substring(messageStart, message.span().end()),
                            message.span())),
                    message.span()));
            space();
        }
        if (!in.eat(")")) {
            throw new SyntaxError(
                    in.pos, in.atEnd() || in.atNewline() ? "expected `)`" : "unexpected `" + in.peek() + "`");
        }
        return new ArgumentList(arguments, in.span(start));
    }

    private static int lineEnd(Scanner in, int from) {
        int end = from;
        while (end < in.text.length() && in.text.charAt(end) != '\n' && in.text.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    /**
     * Moves past the parenthesis matching the one at the position, minding quotes; stops at the end of the line.
     */
    private static void skipArguments(Scanner in) {
        int depth = 0;
        char quote = 0;
        while (!in.atEnd() && !in.atNewline()) {
            char c = in.text.charAt(in.pos++);
            if (quote != 0) {
                if (c == '\\') {
                    in.pos = Math.min(in.pos + 1, in.text.length());
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return;
            }
        }
    }

    private void space() {
        in.skipWhitespace();
    }

    private PolicyExpr or() {
        PolicyExpr left = and();
        while (true) {
            space();
            if (!in.eat("||")) {
                return left;
            }
            space();
            PolicyExpr right = and();
            left = new PolicyExpr.Binary(PolicyExpr.BinaryOp.OR, left, right, span(left, right));
        }
    }

    private PolicyExpr and() {
        PolicyExpr left = comparison();
        while (true) {
            space();
            if (!in.eat("&&")) {
                return left;
            }
            space();
            PolicyExpr right = comparison();
            left = new PolicyExpr.Binary(PolicyExpr.BinaryOp.AND, left, right, span(left, right));
        }
    }

    private PolicyExpr comparison() {
        PolicyExpr left = unary();
        space();
        PolicyExpr.BinaryOp op = comparisonOperator();
        if (op == null) {
            return left;
        }
        space();
        PolicyExpr right = unary();
        PolicyExpr result = new PolicyExpr.Binary(op, left, right, span(left, right));
        int before = in.pos;
        space();
        int chained = in.pos;
        if (comparisonOperator() != null) {
            throw new SyntaxError(chained, "comparisons cannot be chained; use `&&` and parentheses");
        }
        in.pos = before;
        return result;
    }

    private PolicyExpr.BinaryOp comparisonOperator() {
        for (String text : List.of("==", "!=", "<=", ">=", "<", ">")) {
            if (in.eat(text)) {
                for (PolicyExpr.BinaryOp op : PolicyExpr.BinaryOp.values()) {
                    if (op.text.equals(text)) {
                        return op;
                    }
                }
            }
        }
        if (in.startsWith("in") && !Scanner.isIdentifierPart(charAt(in.pos + 2))) {
            in.pos += 2;
            return PolicyExpr.BinaryOp.IN;
        }
        return null;
    }

    private char charAt(int index) {
        return index < in.text.length() ? in.text.charAt(index) : '\0';
    }

    private PolicyExpr unary() {
        int start = in.pos;
        if (in.startsWith("!") && !in.startsWith("!=")) {
            in.pos++;
            space();
            PolicyExpr operand = unary();
            return new PolicyExpr.Not(
                    operand, new Span(in.file, start, operand.span().end()));
        }
        return postfix();
    }

    private PolicyExpr postfix() {
        int start = in.pos;
        PolicyExpr target = primary();
        while (true) {
            if (in.eat(".")) {
                Ident member = in.identifier();
                if (member == null) {
                    throw new SyntaxError(in.pos, "expected a name after `.`");
                }
                target = new PolicyExpr.Member(target, member, in.span(start));
                continue;
            }
            PolicyExpr.Quantifier quantifier = in.eat("?[")
                    ? PolicyExpr.Quantifier.SOME
                    : in.eat("![") ? PolicyExpr.Quantifier.EVERY : in.eat("^[") ? PolicyExpr.Quantifier.NONE : null;
            if (quantifier == null) {
                return target;
            }
            space();
            PolicyExpr condition = or();
            space();
            if (!in.eat("]")) {
                throw new SyntaxError(in.pos, "expected `]` to close the collection predicate");
            }
            target = new PolicyExpr.Collection(target, quantifier, condition, in.span(start));
        }
    }

    private PolicyExpr primary() {
        int start = in.pos;
        if (in.eat("(")) {
            space();
            PolicyExpr inner = or();
            space();
            if (!in.eat(")")) {
                throw new SyntaxError(in.pos, "expected `)`");
            }
            return reSpan(inner, in.span(start));
        }
        if (in.eat("[")) {
            List<PolicyExpr> items = new ArrayList<>();
            space();
            if (!in.eat("]")) {
                do {
                    space();
                    items.add(unary());
                    space();
                } while (in.eat(","));
                if (!in.eat("]")) {
                    throw new SyntaxError(in.pos, "expected `]` or `,` in the list");
                }
            }
            return new PolicyExpr.ArrayLit(items, in.span(start));
        }
        PolicyExpr.Literal string = string();
        if (string != null) {
            return string;
        }
        if (in.peek() == '-' || Character.isDigit(in.peek())) {
            in.eat("-");
            int digits = in.pos;
            while (Character.isDigit(in.peek()) || in.peek() == '.') {
                in.pos++;
            }
            if (in.pos == digits) {
                throw new SyntaxError(start, "expected a number");
            }
            return new PolicyExpr.Literal(PolicyExpr.LiteralKind.NUMBER, in.textFrom(start), in.span(start));
        }
        Ident name = in.identifier();
        if (name == null) {
            throw new SyntaxError(
                    start,
                    in.atEnd() || in.atNewline() || in.peek() == ')'
                            ? "expected a condition"
                            : "unexpected `" + in.peek() + "`");
        }
        switch (name.name()) {
            case "true":
            case "false":
                return new PolicyExpr.Literal(PolicyExpr.LiteralKind.BOOLEAN, name.name(), name.span());
            case "null":
                return new PolicyExpr.Literal(PolicyExpr.LiteralKind.NULL, "null", name.span());
            default:
                break;
        }
        int afterName = in.pos;
        space();
        if (in.eat("(")) {
            space();
            if (!in.eat(")")) {
                if (name.name().equals(PolicyExpr.Length.FUNCTION)) {
                    PolicyExpr argument = unary();
                    space();
                    if (!in.eat(")")) {
                        throw new SyntaxError(in.pos, "expected `)` after the argument of `length(…)`");
                    }
                    return new PolicyExpr.Length(argument, in.span(start));
                }
                throw new SyntaxError(in.pos, "`" + name.name() + "()` takes no arguments");
            }
            return new PolicyExpr.Call(name, in.span(start));
        }
        in.pos = afterName;
        return new PolicyExpr.Name(name.name(), name.span());
    }

    /** {@code 'text'} or {@code "text"}, with backslash escapes. */
    private PolicyExpr.Literal string() {
        int start = in.pos;
        char quote = in.peek();
        if (quote != '\'' && quote != '"') {
            return null;
        }
        in.pos++;
        StringBuilder value = new StringBuilder();
        while (!in.atEnd() && !in.atNewline()) {
            char c = in.text.charAt(in.pos++);
            if (c == quote) {
                return new PolicyExpr.Literal(PolicyExpr.LiteralKind.STRING, value.toString(), in.span(start));
            }
            if (c == '\\' && !in.atEnd()) {
                c = in.text.charAt(in.pos++);
            }
            value.append(c);
        }
        throw new SyntaxError(start, "unterminated string");
    }

    private Span span(PolicyExpr left, PolicyExpr right) {
        return new Span(in.file, left.span().start(), right.span().end());
    }

    /** A parenthesised condition keeps its node, spanning the parentheses. */
    private static PolicyExpr reSpan(PolicyExpr expr, Span span) {
        if (expr instanceof PolicyExpr.Binary b) {
            return new PolicyExpr.Binary(b.op(), b.left(), b.right(), span);
        }
        if (expr instanceof PolicyExpr.Not n) {
            return new PolicyExpr.Not(n.operand(), span);
        }
        return expr;
    }
}
