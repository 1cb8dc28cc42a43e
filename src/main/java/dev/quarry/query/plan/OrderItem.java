package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;

/**
 * One sort key of {@code orderBy}: a scalar reached through zero or more to-one relations
 * ({@code {author: {name: 'asc'}}}), or the number of related rows of a to-many relation
 * ({@code {posts: {_count: 'desc'}}}).
 *
 * @param hops   to-one relations walked before the target
 * @param target the sort key
 * @param nulls  {@code { sort, nulls: 'first' | 'last' }}; empty means PostgreSQL's default
 */
public record OrderItem(List<Hop> hops, Target target, boolean descending, Optional<Nulls> nulls) {

    public OrderItem {
        hops = List.copyOf(hops);
    }

    public enum Nulls {
        FIRST,
        LAST
    }

    public sealed interface Target {}

    public record ByField(ScalarField field) implements Target {}

    public record ByRelationCount(Hop hop) implements Target {}

    /**
     * {@code _relevance: {fields, search, sort}}: the full-text rank of the fields' text for the query
     * (fullTextSearchPostgres).
     */
    public record ByRelevance(List<ScalarField> fields, Bound.Text search) implements Target {
        public ByRelevance {
            fields = List.copyOf(fields);
        }

        public ByRelevance(List<ScalarField> fields, String search) {
            this(fields, new Bound.Text(search));
        }
    }

    /** {@code _count/_avg/…: {field: dir}} in groupBy; {@code field} empty means {@code _count: {_all: …}}. */
    public record ByAggregate(Aggregate function, Optional<ScalarField> field) implements Target {}

    public OrderItem reversed() {
        return new OrderItem(hops, target, !descending, nulls.map(n -> n == Nulls.FIRST ? Nulls.LAST : Nulls.FIRST));
    }

    /** Where nulls land: PostgreSQL puts them last ascending and first descending unless told. */
    public boolean nullsFirst() {
        return nulls.map(n -> n == Nulls.FIRST).orElse(descending);
    }
}
