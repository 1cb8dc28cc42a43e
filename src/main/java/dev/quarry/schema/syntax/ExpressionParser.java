package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expressions, argument lists and attributes; each method returns null (position restored) when the text does not
 * match.
 */
final class ExpressionParser {

    private final Scanner in;

    ExpressionParser(Scanner in) {
        this.in = in;
    }

    Expr expression() {
        int start = in.pos;
        Ident path = in.path();
        if (path != null) {
            int afterPath = in.pos;
            in.skipWhitespace();
            ArgumentList arguments = argumentList();
            if (arguments != null) {
                return new Expr.FunctionCall(path, arguments, in.span(start));
            }
            in.pos = afterPath;
            in.pos = start;
        }
        Expr array = array();
        if (array != null) {
            return array;
        }
        Expr object = object();
        if (object != null) {
            return object;
        }
        Expr number = number();
        if (number != null) {
            return number;
        }
        Expr string = string();
        if (string != null) {
            return string;
        }
        path = in.path();
        return path == null ? null : new Expr.PathExpr(path.name(), path.span());
    }

    private Expr array() {
        int start = in.pos;
        if (!in.eat("[")) {
            return null;
        }
        List<Expr> items = new ArrayList<>();
        in.skipWhitespace();
        Expr first = expression();
        if (first != null) {
            items.add(first);
            while (true) {
                int beforeComma = in.pos;
                in.skipWhitespace();
                if (!in.eat(",")) {
                    in.pos = beforeComma;
                    break;
                }
                in.skipWhitespace();
                Expr next = expression();
                if (next == null) {
                    in.pos = start;
                    return null;
                }
                items.add(next);
            }
        }
        in.skipWhitespace();
        if (!in.eat("]")) {
            in.pos = start;
            return null;
        }
        return new Expr.ArrayExpr(items, in.span(start));
    }

    private Expr object() {
        int start = in.pos;
        if (!in.eat("{")) {
            return null;
        }
        List<Expr.Entry> entries = new ArrayList<>();
        in.skipWhitespace();
        while (!in.eat("}")) {
            if (!entries.isEmpty()) {
                if (!in.eat(",")) {
                    in.pos = start;
                    return null;
                }
                in.skipWhitespace();
            }
            Ident key = in.path();
            in.skipWhitespace();
            if (key == null || !in.eat(":")) {
                in.pos = start;
                return null;
            }
            in.skipWhitespace();
            Expr value = expression();
            if (value == null) {
                in.pos = start;
                return null;
            }
            entries.add(new Expr.Entry(key, value));
            in.skipWhitespace();
        }
        return new Expr.ObjectExpr(entries, in.span(start));
    }

    private Expr number() {
        int start = in.pos;
        in.eat("-");
        if (!digits()) {
            in.pos = start;
            return null;
        }
        int beforeDot = in.pos;
        if (in.eat(".") && !digits()) {
            in.pos = beforeDot;
        }
        return new Expr.NumberLit(in.textFrom(start), in.span(start));
    }

    private boolean digits() {
        int start = in.pos;
        while (!in.atEnd() && in.peek() >= '0' && in.peek() <= '9') {
            in.pos++;
        }
        return in.pos > start;
    }

    /** A JSON-style string literal; no raw control characters inside. */
    Expr.StringLit string() {
        int start = in.pos;
        if (!in.eat("\"")) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        while (!in.atEnd()) {
            char c = in.peek();
            if (c == '"') {
                in.pos++;
                return new Expr.StringLit(value.toString(), in.textFrom(start), in.span(start));
            }
            if (c < 0x20) {
                break;
            }
            in.pos++;
            if (c == '\\' && !in.atEnd()) {
                value.append(unescape());
            } else {
                value.append(c);
            }
        }
        in.pos = start;
        return null;
    }

    private String unescape() {
        char c = in.text.charAt(in.pos++);
        switch (c) {
            case 'n':
                return "\n";
            case 't':
                return "\t";
            case 'r':
                return "\r";
            case 'b':
                return "\b";
            case 'f':
                return "\f";
            case 'u':
                if (in.pos + 4 <= in.text.length()) {
                    try {
                        int code = Integer.parseInt(in.text.substring(in.pos, in.pos + 4), 16);
                        in.pos += 4;
                        return String.valueOf((char) code);
                    } catch (NumberFormatException e) {
                        return "u";
                    }
                }
                return "u";
            default:
                return String.valueOf(c);
        }
    }

    /** {@code ( arg, name: value, name:, )}. */
    ArgumentList argumentList() {
        int start = in.pos;
        if (!in.eat("(")) {
            return null;
        }
        List<Argument> arguments = new ArrayList<>();
        in.skipWhitespace();
        Argument first = argument();
        if (first != null) {
            arguments.add(first);
            while (true) {
                int beforeComma = in.pos;
                in.skipWhitespace();
                if (!in.eat(",")) {
                    in.pos = beforeComma;
                    break;
                }
                in.skipWhitespace();
                Argument next = argument();
                if (next == null) {
                    in.pos = beforeComma;
                    break;
                }
                arguments.add(next);
            }
        }
        in.skipWhitespace();
        in.eat(",");
        in.skipWhitespace();
        if (!in.eat(")")) {
            in.pos = start;
            return null;
        }
        return new ArgumentList(arguments, in.span(start));
    }

    private Argument argument() {
        int start = in.pos;
        Ident name = in.identifier();
        if (name != null) {
            in.skipWhitespace();
            if (in.eat(":")) {
                int afterColon = in.pos;
                in.skipWhitespace();
                Expr value = expression();
                if (value == null) {
                    in.pos = afterColon;
                }
                return new Argument(Optional.of(name), Optional.ofNullable(value), in.span(start));
            }
            in.pos = start;
        }
        Expr value = expression();
        return value == null ? null : new Argument(Optional.empty(), Optional.of(value), value.span());
    }

    /**
     * {@code @path(args)} after the {@code @} or {@code @@} prefix has been matched at {@code start}. The arguments
     * of an access policy ({@code allow}, {@code deny}) follow their own grammar, whose errors go to {@code
     * diagnostics}.
     */
    Attribute attributeBody(int start, List<Diagnostic> diagnostics) {
        int before = in.pos;
        in.skipWhitespace();
        Ident name = in.path();
        if (name == null) {
            in.pos = before;
            return null;
        }
        int afterName = in.pos;
        in.skipWhitespace();
        boolean conditionGrammar = PolicyParser.ATTRIBUTE_NAMES.contains(name.name())
                || (name.name().equals(PolicyParser.VALIDATE) && in.text.startsWith("@@", start));
        ArgumentList arguments = conditionGrammar
                ? PolicyParser.arguments(
                        in, in.text.substring(start, name.span().end()), diagnostics)
                : argumentList();
        if (arguments == null) {
            in.pos = afterName;
        }
        return new Attribute(name, Optional.ofNullable(arguments), in.span(start));
    }
}
