package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;
import java.util.List;
import java.util.Optional;

/**
 * {@code @default(now())} or {@code @@index([a])}; {@code name} is the path after the {@code @}s ({@code
 * db.VarChar}).
 */
public record Attribute(Ident name, Optional<ArgumentList> arguments, Span span) {

    public List<Argument> argumentList() {
        return arguments.map(ArgumentList::arguments).orElse(List.of());
    }
}
