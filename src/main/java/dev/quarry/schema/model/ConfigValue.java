package dev.quarry.schema.model;

import java.util.List;

/**
 * A value in a datasource or generator block: {@code "text"}, {@code env("NAME")}, {@code ["a", "b"]}, or anything
 * else kept as its source text.
 */
public sealed interface ConfigValue {

    record Text(String value) implements ConfigValue {}

    record Env(String variable) implements ConfigValue {}

    record Array(List<String> values) implements ConfigValue {
        public Array {
            values = List.copyOf(values);
        }
    }

    /** Anything else (numbers, booleans, function calls other than env), as written. */
    record Raw(String source) implements ConfigValue {}
}
