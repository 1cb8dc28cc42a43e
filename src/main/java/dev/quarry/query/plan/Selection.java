package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;

/** What each returned record contains, in output order. */
public record Selection(List<Selected> items) {

    public Selection {
        items = List.copyOf(items);
    }

    public sealed interface Selected {
        String key();
    }

    public record Scalar(ScalarField field) implements Selected {
        public String key() {
            return field.name();
        }
    }

    /** A related record (to-one, {@code null} when absent) or list of them (to-many), read by {@code plan}. */
    public record Relation(Hop hop, ReadPlan plan) implements Selected {
        public String key() {
            return hop.field().name();
        }
    }

    /** {@code _count: {select: {posts: true, comments: {where: …}}}}. */
    public record Counts(List<RelationCount> counts) implements Selected {
        public Counts {
            counts = List.copyOf(counts);
        }

        public String key() {
            return "_count";
        }
    }

    public record RelationCount(Hop hop, Filter filter) {}
}
