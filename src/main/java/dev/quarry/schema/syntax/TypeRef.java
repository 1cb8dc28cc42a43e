package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.Optional;

/**
 * A field type: {@code String}, {@code Post[]}, {@code Int?}, {@code Unsupported("circle")}, legacy {@code Int!}
 * and {@code [Int]}.
 */
public record TypeRef(Ident name, Optional<Expr.StringLit> unsupported, Shape shape, Span span) {

    public enum Shape {
        REQUIRED,
        OPTIONAL,
        LIST,
        /** {@code T[]?}: only legal for Unsupported types in Prisma; reported later otherwise. */
        OPTIONAL_LIST,
        LEGACY_REQUIRED,
        LEGACY_LIST
    }
}
