package dev.quarry.query.plan;

import java.util.Optional;

/** The aggregate functions of {@code aggregate}, {@code groupBy} and {@code having}. */
public enum Aggregate {
    COUNT("_count"),
    AVG("_avg"),
    SUM("_sum"),
    MIN("_min"),
    MAX("_max");

    public final String key;

    Aggregate(String key) {
        this.key = key;
    }

    public static Optional<Aggregate> fromKey(String key) {
        for (Aggregate a : values()) {
            if (a.key.equals(key)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
