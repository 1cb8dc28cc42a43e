package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;

/** What each returned record contains, in output order. */
public record Selection(List<Selected> items) {

    public Selection {
        items = List.copyOf(items);
    }

    /** One item; code that treats each kind its own way is a {@link Visitor}, so a new kind must be handled. */
    public sealed interface Selected {
        String key();

        <R> R accept(Visitor<R> visitor);
    }

    public interface Visitor<R> {
        R scalar(Scalar scalar);

        R relation(Relation relation);

        R counts(Counts counts);
    }

    public record Scalar(ScalarField field) implements Selected {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.scalar(this);
        }

        public String key() {
            return field.name();
        }
    }

    /** A related record (to-one, {@code null} when absent) or list of them (to-many), read by {@code plan}. */
    public record Relation(Hop hop, ReadPlan plan) implements Selected {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.relation(this);
        }

        public String key() {
            return hop.field().name();
        }
    }

    /** {@code _count: {select: {posts: true, comments: {where: …}}}}. */
    public record Counts(List<RelationCount> counts) implements Selected {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.counts(this);
        }

        public Counts {
            counts = List.copyOf(counts);
        }

        public String key() {
            return "_count";
        }
    }

    public record RelationCount(Hop hop, Filter filter) {}
}
