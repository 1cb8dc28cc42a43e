package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;
import java.util.Optional;

/**
 * {@code count}, {@code aggregate} and {@code groupBy}: the rows to aggregate ({@code rows}; its selection is
 * unused), the aggregates to return, and for groupBy the grouping fields, {@code having} and the group order;
 * {@code withDeleted}: soft-deleted rows are aggregated too.
 */
public record AggregatePlan(
        Kind kind,
        ReadPlan rows,
        List<AggregateGroup> groups,
        List<ScalarField> by,
        Filter having,
        List<OrderItem> groupOrder,
        boolean withDeleted)
        implements QueryPlan {

    public AggregatePlan {
        groups = List.copyOf(groups);
        by = List.copyOf(by);
        groupOrder = List.copyOf(groupOrder);
    }

    public AggregatePlan(
            Kind kind,
            ReadPlan rows,
            List<AggregateGroup> groups,
            List<ScalarField> by,
            Filter having,
            List<OrderItem> groupOrder) {
        this(kind, rows, groups, by, having, groupOrder, false);
    }

    @Override
    public AggregatePlan includingDeleted() {
        return new AggregatePlan(kind, rows, groups, by, having, groupOrder, true);
    }

    public enum Kind {
        /** {@code count()} → a number. */
        COUNT_NUMBER,
        /** {@code count({select})} → an object of counts (its one group's fields). */
        COUNT_OBJECT,
        AGGREGATE,
        GROUP_BY
    }

    /**
     * One output key of an aggregate ({@code _avg: {a: true, b: true}}).
     *
     * @param whole  {@code _count: true}: a number rather than an object
     * @param fields each field, or empty for {@code _all}
     */
    public record AggregateGroup(Aggregate function, boolean whole, List<Optional<ScalarField>> fields) {
        public AggregateGroup {
            fields = List.copyOf(fields);
        }
    }
}
