package dev.quarry.schema.format;

import java.util.Optional;

/** Placeholder until the schema stage's formatter lands. */
public final class SchemaFormatter {

    private SchemaFormatter() {}

    public static Optional<String> format(String text) {
        return Optional.empty();
    }
}
