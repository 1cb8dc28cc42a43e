package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/** A {@code type} block (composite type). PostgreSQL has no use for it; it is parsed and kept. */
public record CompositeType(String name, List<ScalarField> fields, Optional<String> documentation) {
    public CompositeType {
        fields = List.copyOf(fields);
    }
}
