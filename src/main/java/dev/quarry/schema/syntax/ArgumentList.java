package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;

/** {@code (a, name: b,)}: the parenthesised arguments of an attribute or function. */
public record ArgumentList(List<Argument> arguments, Span span) {
    public ArgumentList {
        arguments = List.copyOf(arguments);
    }
}
