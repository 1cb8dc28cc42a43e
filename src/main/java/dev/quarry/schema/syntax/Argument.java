package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.Optional;

/** {@code fields: [a]} (named), {@code [a]} (positional) or {@code fields:} (named, value missing). */
public record Argument(Optional<Ident> name, Optional<Expr> value, Span span) {

    public boolean isNamed(String argumentName) {
        return name.isPresent() && name.get().name().equals(argumentName);
    }
}
