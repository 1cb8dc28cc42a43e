package dev.quarry.schema.model;

/** {@code T} (required), {@code T?} (optional), {@code T[]} (list). */
public enum Arity {
    REQUIRED,
    OPTIONAL,
    LIST
}
