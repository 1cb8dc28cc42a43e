package dev.quarry.query.write;

import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.OrderItem;
import dev.quarry.query.plan.ReadPlan;
import dev.quarry.query.plan.Selection;
import dev.quarry.schema.model.Model;

/**
 * Whether the related records a read-back selects are read from the table a write changes. A write and its
 * read-back in one statement ({@code WITH written AS (… RETURNING *) SELECT …}) share one snapshot, taken before
 * the write: the written row is seen only through {@code written}, and its table, read through a relation, shows it
 * as it was before. A view may read any table, so it counts as reading the written one.
 */
public final class WrittenTableReads {

    private WrittenTableReads() {}

    /** True when anything but the top-level row of {@code read} reads {@code written}'s table (or a view). */
    public static boolean related(ReadPlan read, Model written) {
        return new Walk(written).selection(read.selection());
    }

    private record Walk(Model written) implements Selection.Visitor<Boolean> {

        boolean selection(Selection selection) {
            return selection.items().stream().anyMatch(item -> item.accept(this));
        }

        @Override
        public Boolean scalar(Selection.Scalar scalar) {
            return false;
        }

        @Override
        public Boolean relation(Selection.Relation r) {
            return hop(r.hop()) || read(r.plan());
        }

        @Override
        public Boolean counts(Selection.Counts c) {
            return c.counts().stream().anyMatch(n -> hop(n.hop()) || filter(n.filter()));
        }

        private boolean read(ReadPlan read) {
            return filter(read.filter())
                    || read.cursor().map(this::filter).orElse(false)
                    || read.orderBy().stream().anyMatch(this::order)
                    || selection(read.selection());
        }

        private boolean order(OrderItem o) {
            return o.hops().stream().anyMatch(this::hop)
                    || (o.target() instanceof OrderItem.ByRelationCount c && hop(c.hop()));
        }

        private boolean filter(Filter f) {
            return f.walk().anyMatch(node -> node instanceof Filter.Related r && hop(r.hop()));
        }

        private boolean hop(Hop hop) {
            return hop.to().name().equals(written.name()) || hop.to().view();
        }
    }
}
