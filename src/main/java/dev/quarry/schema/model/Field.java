package dev.quarry.schema.model;

import java.util.Optional;

/** A field of a model, view or composite type. */
public sealed interface Field permits ScalarField, RelationField {

    String name();

    Arity arity();

    /** {@code @ignore}d fields exist in the database but not in the API. */
    boolean ignored();

    /** The {@code ///} comments above the field, joined by newlines. */
    Optional<String> documentation();

    default boolean isList() {
        return arity() == Arity.LIST;
    }

    default boolean isOptional() {
        return arity() == Arity.OPTIONAL;
    }

    default boolean isRequired() {
        return arity() == Arity.REQUIRED;
    }
}
