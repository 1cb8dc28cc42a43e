package dev.quarry.query.plan;

import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
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

    /**
     * Whether this aggregate takes the field in a selection and in groupBy's orderBy, as Prisma's {@code
     * …AggregateOutputType}s and {@code …OrderByAggregateInput}s list them: {@code _count} every field, {@code
     * _avg}/{@code _sum} numbers and lists of numbers, {@code _min}/{@code _max} every field but lists and Json. Some
     * of them PostgreSQL cannot compute ({@code min(bytea)}, {@code avg(integer[])}): the database refuses those, as
     * it does Prisma's.
     */
    public boolean takes(ScalarField field) {
        switch (this) {
            case COUNT:
                return true;
            case AVG:
            case SUM:
                return isNumeric(field.type());
            default:
                return !field.isList() && field.type() != ScalarType.JSON;
        }
    }

    /**
     * Whether a having filter on the field takes this aggregate: never on a list (its having filter is its where
     * filter) nor on Json (Prisma's query schema lists {@code _count}, {@code _min} and {@code _max} there, and its
     * engine refuses each, P2019).
     */
    public boolean filters(ScalarField field) {
        return !field.isList() && field.type() != ScalarType.JSON && takes(field);
    }

    public static boolean isNumeric(FieldType type) {
        return type == ScalarType.INT
                || type == ScalarType.BIGINT
                || type == ScalarType.FLOAT
                || type == ScalarType.DECIMAL;
    }
}
