package dev.quarry.diagram;

import java.util.List;
import java.util.Set;

/**
 * A schema as an entity-relationship diagram, before any layout: a box per model (and view) listing its scalar
 * fields, and an edge per relation with the cardinality at each end.
 */
public record Diagram(List<Box> boxes, List<Edge> edges) {

    public Diagram {
        boxes = List.copyOf(boxes);
        edges = List.copyOf(edges);
    }

    /** A model or view: {@code model User { … }}. */
    public record Box(String model, boolean view, List<Row> rows) {
        public Box {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One scalar field: {@code email String? @unique}.
     *
     * @param type the type as the schema writes it, with {@code ?} or {@code []}
     */
    public record Row(String name, String type, Set<Mark> marks) {
        public Row {
            marks = Set.copyOf(marks);
        }
    }

    /** What a field is for the keys of its model. */
    public enum Mark {
        /** Part of the primary key ({@code @id}, {@code @@id}). */
        PK,
        /** Part of a unique constraint ({@code @unique}, {@code @@unique}). */
        UK,
        /** Part of a foreign key ({@code @relation(fields: […])}). */
        FK
    }

    /** How many records of the model at that end of a relation one record of the other end has. */
    public enum Cardinality {
        ONE("1"),
        ZERO_OR_ONE("0..1"),
        MANY("*");

        private final String label;

        Cardinality(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A relation between the model {@code from} (the referenced side, or the first model of a many-to-many) and the
     * model {@code to} (the side holding the foreign key): {@code fromEnd} is how many {@code from} records one
     * {@code to} record has, and {@code toEnd} the other way round.
     *
     * @param label the relation field names, {@code author / posts}
     */
    public record Edge(String relation, String from, String to, Cardinality fromEnd, Cardinality toEnd, String label) {

        public boolean isSelf() {
            return from.equals(to);
        }
    }
}
