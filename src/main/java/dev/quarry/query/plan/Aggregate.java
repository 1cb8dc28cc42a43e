package dev.quarry.query.plan;

/** The aggregate functions of {@code aggregate}, {@code groupBy} and {@code having}. */
public enum Aggregate {
    COUNT("_count"), AVG("_avg"), SUM("_sum"), MIN("_min"), MAX("_max");

    public final String key;

    Aggregate(String key) {
        this.key = key;
    }

    public static java.util.Optional<Aggregate> fromKey(String key) {
        for (Aggregate a : values()) {
            if (a.key.equals(key)) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
