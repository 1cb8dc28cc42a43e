package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import java.util.List;
import java.util.Optional;

/**
 * Field types: {@code T}, {@code T?}, {@code T[]}, {@code T[]?}, legacy {@code T!} and {@code [T]}, {@code
 * Unsupported("…")}.
 */
final class TypeParser {

    private final Scanner in;
    private final ExpressionParser expressions;

    TypeParser(Scanner in, ExpressionParser expressions) {
        this.in = in;
        this.expressions = expressions;
    }

    TypeRef fieldType() {
        int start = in.pos;
        if (in.eat("[")) {
            in.skipWhitespace();
            TypeRef base = baseType(start);
            in.skipWhitespace();
            if (base != null && in.eat("]")) {
                return new TypeRef(base.name(), base.unsupported(), TypeRef.Shape.LEGACY_LIST, in.span(start));
            }
            in.pos = start;
            return null;
        }
        TypeRef base = baseType(start);
        if (base == null) {
            return null;
        }
        int afterBase = in.pos;
        in.skipWhitespace();
        TypeRef.Shape shape;
        if (in.eat("[")) {
            in.skipWhitespace();
            if (!in.eat("]")) {
                in.pos = afterBase;
                return base;
            }
            int afterList = in.pos;
            in.skipWhitespace();
            if (in.eat("?")) {
                shape = TypeRef.Shape.OPTIONAL_LIST;
            } else {
                in.pos = afterList;
                shape = TypeRef.Shape.LIST;
            }
        } else if (in.eat("?")) {
            shape = TypeRef.Shape.OPTIONAL;
        } else if (in.eat("!")) {
            shape = TypeRef.Shape.LEGACY_REQUIRED;
        } else {
            in.pos = afterBase;
            return base;
        }
        return new TypeRef(base.name(), base.unsupported(), shape, in.span(start));
    }

    private TypeRef baseType(int start) {
        int before = in.pos;
        if (in.eat("Unsupported")) {
            int nameEnd = in.pos;
            in.skipWhitespace();
            if (in.eat("(")) {
                in.skipWhitespace();
                Expr.StringLit type = expressions.string();
                in.skipWhitespace();
                if (type != null && in.eat(")")) {
                    Ident name = new Ident("Unsupported", new Span(in.file, before, nameEnd));
                    return new TypeRef(name, Optional.of(type), TypeRef.Shape.REQUIRED, in.span(start));
                }
            }
            in.pos = before;
        }
        Ident name = in.identifier();
        return name == null ? null : new TypeRef(name, Optional.empty(), TypeRef.Shape.REQUIRED, in.span(start));
    }

    static void reportLegacyShape(TypeRef type, List<Diagnostic> diagnostics) {
        switch (type.shape()) {
            case LEGACY_REQUIRED:
                diagnostics.add(SchemaErrors.legacyRequiredType(type.span()));
                break;
            case LEGACY_LIST:
                diagnostics.add(SchemaErrors.legacyListType(type.span()));
                break;
            case OPTIONAL_LIST:
                if (type.unsupported().isEmpty()) {
                    diagnostics.add(SchemaErrors.optionalList(type.span()));
                }
                break;
            default:
                break;
        }
    }
}
