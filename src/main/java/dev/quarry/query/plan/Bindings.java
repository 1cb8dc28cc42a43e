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
        read.selection().items().forEach(item -> item.accept(selected));
    }

    /** A selected relation's plan binds values, and so do the filters of counted relations. */
    private final Selection.Visitor<Void> selected = new Selection.Visitor<>() {
        @Override
        public Void scalar(Selection.Scalar scalar) {
            return null;
        }

        @Override
        public Void relation(Selection.Relation relation) {
            read(relation.plan());
            return null;
        }

        @Override
        public Void counts(Selection.Counts counts) {
            counts.counts().forEach(count -> filter(count.filter()));
            return null;
        }
    };

    private void order(OrderItem item) {
        if (item.target() instanceof OrderItem.ByRelevance relevance) {
            values.add(relevance.search());
        }
    }

    private void filter(Filter filter) {
        filter.walk().forEach(node -> values.addAll(node.bound()));
    }
}
