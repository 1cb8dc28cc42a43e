package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;

/** A resolved {@code where}: every field, relation and operator checked against the schema. */
public sealed interface Filter {

    Filter TRUE = new Const(true);

    /** {@code AND: […]} and the implicit conjunction of an object's keys; empty means true. */
    record And(List<Filter> filters) implements Filter {
        public And {
            filters = List.copyOf(filters);
        }
    }

    /** {@code OR: […]}; empty means false. */
    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = List.copyOf(filters);
        }
    }

    /** {@code NOT: f}: the negation of the conjunction of {@code filters}. */
    record Not(Filter filter) implements Filter {}

    record Const(boolean value) implements Filter {}

    enum CompareOp {
        EQ("="), LT("<"), LTE("<="), GT(">"), GTE(">=");

        public final String sql;

        CompareOp(String sql) {
            this.sql = sql;
        }
    }

    /** {@code field <op> value}, case-insensitive on both sides when {@code insensitive}. */
    record Compare(ScalarField field, CompareOp op, Value.One value, boolean insensitive) implements Filter {}

    /** {@code field = other} (field references, {@code {"$type":"FieldRef"}}). */
    record CompareFields(ScalarField field, CompareOp op, ScalarField other) implements Filter {}

    /** {@code field IS NULL}. */
    record IsNull(ScalarField field) implements Filter {}

    /** {@code field = ANY(values)}. */
    record In(ScalarField field, Value.Many values, boolean insensitive) implements Filter {}

    /**
     * {@code field LIKE pattern}: the pattern's wildcards are already escaped, {@code %} added where the operator
     * needs.
     */
    record Like(ScalarField field, Bound.Text pattern, boolean insensitive) implements Filter {
        public Like(ScalarField field, String pattern, boolean insensitive) {
            this(field, new Bound.Text(pattern), insensitive);
        }
    }

    /** Full-text {@code search}: {@code to_tsvector(field) @@ to_tsquery(query)}. */
    record Search(ScalarField field, Bound.Text query) implements Filter {
        public Search(ScalarField field, String query) {
            this(field, new Bound.Text(query));
        }
    }

    enum ListOp { HAS, HAS_EVERY, HAS_SOME, EQUALS }

    /**
     * Filters on a scalar list ({@code String[]}): {@code has}, {@code hasEvery}, {@code hasSome}, {@code equals}.
     */
    record ListCondition(ScalarField field, ListOp op, Value.Many values) implements Filter {}

    /** {@code isEmpty}. */
    record ListIsEmpty(ScalarField field, boolean empty) implements Filter {}

    enum JsonOp {
        EQUALS, STRING_CONTAINS, STRING_STARTS_WITH, STRING_ENDS_WITH, ARRAY_CONTAINS, ARRAY_STARTS_WITH, ARRAY_ENDS_WITH, LT, LTE, GT, GTE
    }

    /** A Json-field filter, optionally at a {@code path} inside the document. */
    record JsonCondition(ScalarField field, Optional<Bound.Texts> path, JsonOp op, Bound.Text operand, boolean insensitive) implements Filter {
        public JsonCondition(ScalarField field, List<String> path, JsonOp op, String operand, boolean insensitive) {
            this(field, jsonPath(path), op, new Bound.Text(operand), insensitive);
        }
    }

    enum JsonNullKind { DB_NULL, JSON_NULL, ANY_NULL }

    /**
     * {@code equals: DbNull / JsonNull / AnyNull} on a Json field, optionally at a path: there, as in Prisma,
     * DbNull means no value at the path (a missing key, or a NULL column).
     */
    record JsonIsNull(ScalarField field, Optional<Bound.Texts> path, JsonNullKind kind) implements Filter {
        public JsonIsNull(ScalarField field, List<String> path, JsonNullKind kind) {
            this(field, jsonPath(path), kind);
        }
    }

    /** A Json path is bound as one array; whether there is one at all is part of the shape (the SQL differs). */
    private static Optional<Bound.Texts> jsonPath(List<String> path) {
        return path.isEmpty() ? Optional.empty() : Optional.of(new Bound.Texts(path));
    }

    enum Quantifier { SOME, EVERY, NONE, IS, IS_NOT }

    /**
     * A relation filter. {@code some}/{@code every}/{@code none} on to-many relations, {@code is}/{@code isNot}
     * on to-one; {@code inner} empty means {@code is: null} / {@code isNot: null}.
     */
    record Related(Hop hop, Quantifier quantifier, Optional<Filter> inner) implements Filter {}

    /**
     * A {@code having} condition on an aggregate, {@code {views: {_avg: {gt: 5}}}}: {@code condition} is written
     * on {@code field} and applies to {@code function(field)}.
     */
    record AggregateCondition(Aggregate function, ScalarField field, Filter condition) implements Filter {}
}
