package dev.quarry.query.write;

import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import dev.quarry.schema.model.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A create whose nested writes fit in its own statement, as data-modifying CTEs: to-one {@code connect}s that set
 * its foreign key (looked up first), and {@code create}/{@code createMany} of records that point to it and have no
 * nested writes of their own. Every part reads the rows of the part before it, so a missing connect target writes
 * nothing at all.
 *
 * @param connects the record's foreign keys, each taken from the record a filter names
 * @param children the records pointing to the created one, by the hop to them
 */
public record FoldedCreate(RecordCreate record, List<Connect> connects, List<Child> children) {

    public record Connect(Hop hop, Filter target) {}

    public record Child(Hop hop, RecordCreate record, boolean skipDuplicate) {}

    /** {@code record} as one statement, when its nested writes allow; empty when they need steps of their own. */
    public static Optional<FoldedCreate> of(RecordCreate record) {
        if (record.relations().isEmpty()) {
            return Optional.empty();
        }
        List<Connect> connects = new ArrayList<>();
        List<Child> children = new ArrayList<>();
        for (RelationWrite w : record.relations()) {
            Hop hop = w.hop();
            if (w instanceof RelationWrite.Connect c
                    && w.setsForeignKey()
                    && c.targets().size() == 1) {
                connects.add(new Connect(hop, c.targets().get(0)));
            } else if (w instanceof RelationWrite.Create c && pointsBack(w) && flat(c.records())) {
                c.records().forEach(child -> children.add(new Child(hop, child, false)));
            } else if (w instanceof RelationWrite.CreateMany c && pointsBack(w) && flat(c.records())) {
                c.records().forEach(child -> children.add(new Child(hop, child, c.skipDuplicates())));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new FoldedCreate(record, connects, children));
    }

    private static boolean pointsBack(RelationWrite w) {
        return !w.setsForeignKey() && w.hop().relation().kind() != Relation.Kind.MANY_TO_MANY;
    }

    private static boolean flat(List<RecordCreate> records) {
        return records.stream().allMatch(r -> r.relations().isEmpty());
    }
}
