package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A resolved {@code where}: every field, relation and operator checked against the schema. Each variant is either a
 * {@link Branch} (it holds filters) or a {@link Leaf} (it may bind values), so a walk over the tree ({@link #walk},
 * the statement cache's {@link Bindings}) reaches every node and every value of a new variant without knowing it. Code
 * that treats each variant its own way is a {@link Visitor}, so a new variant does not compile until each handles it.
 */
public sealed interface Filter {

    Filter TRUE = new Const(true);

    /** The filters this one holds, in the order they are rendered; none for a leaf. */
    List<Filter> children();

    /** The values this node itself binds, in the order they are rendered; none for a branch. */
    List<Bound> bound();

    /** {@code visitor}'s method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /** One method a variant. */
    interface Visitor<R> {
        R and(And and);

        R or(Or or);

        R not(Not not);

        R constant(Const constant);

        R compare(Compare compare);

        R compareFields(CompareFields compare);

        R isNull(IsNull isNull);

        R in(In in);

        R like(Like like);

        R search(Search search);

        R listCondition(ListCondition condition);

        R listIsEmpty(ListIsEmpty isEmpty);

        R jsonCondition(JsonCondition condition);

        R jsonIsNull(JsonIsNull isNull);

        R related(Related related);

        R aggregateCondition(AggregateCondition condition);
    }

    /** This filter and every filter below it, parents before children. */
    default Stream<Filter> walk() {
        return Stream.concat(Stream.of(this), children().stream().flatMap(Filter::walk));
    }

    /** A filter that holds other filters and binds nothing itself. */
    sealed interface Branch extends Filter {
        @Override
        default List<Bound> bound() {
            return List.of();
        }
    }

    /** A condition on fields, with the values it binds. */
    sealed interface Leaf extends Filter {
        @Override
        default List<Filter> children() {
            return List.of();
        }
    }

    /** {@code AND: […]} and the implicit conjunction of an object's keys; empty means true. */
    record And(List<Filter> filters) implements Branch {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.and(this);
        }

        public And {
            filters = List.copyOf(filters);
        }

        @Override
        public List<Filter> children() {
            return filters;
        }
    }

    /** {@code OR: […]}; empty means false. */
    record Or(List<Filter> filters) implements Branch {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.or(this);
        }

        public Or {
            filters = List.copyOf(filters);
        }

        @Override
        public List<Filter> children() {
            return filters;
        }
    }

    /** {@code NOT: f}: the negation of the conjunction of {@code filters}. */
    record Not(Filter filter) implements Branch {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }

        @Override
        public List<Filter> children() {
            return List.of(filter);
        }
    }

    record Const(boolean value) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.constant(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of();
        }
    }

    enum CompareOp {
        EQ("="),
        LT("<"),
        LTE("<="),
        GT(">"),
        GTE(">=");

        public final String sql;

        CompareOp(String sql) {
            this.sql = sql;
        }
    }

    /** {@code field <op> value}, case-insensitive on both sides when {@code insensitive}. */
    record Compare(ScalarField field, CompareOp op, Value.One value, boolean insensitive) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.compare(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of(value);
        }
    }

    /** {@code field = other} (field references, {@code {"$type":"FieldRef"}}). */
    record CompareFields(ScalarField field, CompareOp op, ScalarField other) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.compareFields(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of();
        }
    }

    /** {@code field IS NULL}. */
    record IsNull(ScalarField field) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of();
        }
    }

    /** {@code field = ANY(values)}. */
    record In(ScalarField field, Value.Many values, boolean insensitive) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of(values);
        }
    }

    /**
     * {@code field LIKE pattern}: the pattern's wildcards are already escaped, {@code %} added where the operator
     * needs.
     */
    record Like(ScalarField field, Bound.Text pattern, boolean insensitive) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.like(this);
        }

        public Like(ScalarField field, String pattern, boolean insensitive) {
            this(field, new Bound.Text(pattern), insensitive);
        }

        @Override
        public List<Bound> bound() {
            return List.of(pattern);
        }
    }

    /** Full-text {@code search}: {@code to_tsvector(field) @@ to_tsquery(query)}. */
    record Search(ScalarField field, Bound.Text query) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.search(this);
        }

        public Search(ScalarField field, String query) {
            this(field, new Bound.Text(query));
        }

        @Override
        public List<Bound> bound() {
            return List.of(query);
        }
    }

    enum ListOp {
        HAS,
        HAS_EVERY,
        HAS_SOME,
        EQUALS
    }

    /**
     * Filters on a scalar list ({@code String[]}): {@code has}, {@code hasEvery}, {@code hasSome}, {@code equals}.
     */
    record ListCondition(ScalarField field, ListOp op, Value.Many values) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.listCondition(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of(values);
        }
    }

    /** {@code isEmpty}. */
    record ListIsEmpty(ScalarField field, boolean empty) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.listIsEmpty(this);
        }

        @Override
        public List<Bound> bound() {
            return List.of();
        }
    }

    enum JsonOp {
        EQUALS,
        STRING_CONTAINS,
        STRING_STARTS_WITH,
        STRING_ENDS_WITH,
        ARRAY_CONTAINS,
        ARRAY_STARTS_WITH,
        ARRAY_ENDS_WITH,
        LT,
        LTE,
        GT,
        GTE
    }

    /** A Json-field filter, optionally at a {@code path} inside the document. */
    record JsonCondition(
            ScalarField field, Optional<Bound.Texts> path, JsonOp op, Bound.Text operand, boolean insensitive)
            implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.jsonCondition(this);
        }

        public JsonCondition(ScalarField field, List<String> path, JsonOp op, String operand, boolean insensitive) {
            this(field, jsonPath(path), op, new Bound.Text(operand), insensitive);
        }

        @Override
        public List<Bound> bound() {
            return path.<List<Bound>>map(p -> List.of(p, operand)).orElse(List.of(operand));
        }
    }

    enum JsonNullKind {
        DB_NULL,
        JSON_NULL,
        ANY_NULL
    }

    /**
     * {@code equals: DbNull / JsonNull / AnyNull} on a Json field, optionally at a path: there, as in Prisma,
     * DbNull means no value at the path (a missing key, or a NULL column).
     */
    record JsonIsNull(ScalarField field, Optional<Bound.Texts> path, JsonNullKind kind) implements Leaf {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.jsonIsNull(this);
        }

        public JsonIsNull(ScalarField field, List<String> path, JsonNullKind kind) {
            this(field, jsonPath(path), kind);
        }

        @Override
        public List<Bound> bound() {
            return path.<List<Bound>>map(List::of).orElse(List.of());
        }
    }

    /** A Json path is bound as one array; whether there is one at all is part of the shape (the SQL differs). */
    private static Optional<Bound.Texts> jsonPath(List<String> path) {
        return path.isEmpty() ? Optional.empty() : Optional.of(new Bound.Texts(path));
    }

    enum Quantifier {
        SOME,
        EVERY,
        NONE,
        IS,
        IS_NOT
    }

    /**
     * A relation filter. {@code some}/{@code every}/{@code none} on to-many relations, {@code is}/{@code isNot}
     * on to-one; {@code inner} empty means {@code is: null} / {@code isNot: null}.
     */
    record Related(Hop hop, Quantifier quantifier, Optional<Filter> inner) implements Branch {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.related(this);
        }

        @Override
        public List<Filter> children() {
            return inner.map(List::of).orElse(List.of());
        }
    }

    /**
     * A {@code having} condition on an aggregate, {@code {views: {_avg: {gt: 5}}}}: {@code condition} is written
     * on {@code field} and applies to {@code function(field)}.
     */
    record AggregateCondition(Aggregate function, ScalarField field, Filter condition) implements Branch {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.aggregateCondition(this);
        }

        @Override
        public List<Filter> children() {
            return List.of(condition);
        }
    }
}
