package dev.quarry.query.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Bound} values of a plan, in one fixed walk of its tree. Two equal plans (the same shape) list their
 * bound values at the same positions, so a statement compiled for one plan binds another's values by position.
 */
public final class Bindings {

    private final List<Bound> values = new ArrayList<>();

    private Bindings() {}

    public static List<Bound> of(QueryPlan plan) {
        Bindings b = new Bindings();
        if (plan instanceof FindPlan find) {
            b.read(find.read());
        } else {
            AggregatePlan aggregate = (AggregatePlan) plan;
            b.read(aggregate.rows());
            b.filter(aggregate.having());
            aggregate.groupOrder().forEach(b::order);
        }
        return b.values;
    }

    private void read(ReadPlan read) {
        filter(read.filter());
        read.orderBy().forEach(this::order);
        read.limit().ifPresent(values::add);
        read.offset().ifPresent(values::add);
        read.cursor().ifPresent(this::filter);
        for (Selection.Selected item : read.selection().items()) {
            if (item instanceof Selection.Relation relation) {
                read(relation.plan());
            } else if (item instanceof Selection.Counts counts) {
                counts.counts().forEach(count -> filter(count.filter()));
            }
        }
    }

    private void order(OrderItem item) {
        if (item.target() instanceof OrderItem.ByRelevance relevance) {
            values.add(relevance.search());
        }
    }

    private void filter(Filter filter) {
        filter.walk().forEach(node -> values.addAll(node.bound()));
    }
}
