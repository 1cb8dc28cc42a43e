package dev.quarry.schema.syntax;

import dev.quarry.schema.diagnostics.Span;

/** A name as written: {@code User}, {@code createdAt}, {@code db.VarChar}. */
public record Ident(String name, Span span) {}
