package dev.quarry.diagram;

import dev.quarry.diagram.Diagram.Box;
import dev.quarry.diagram.Diagram.Cardinality;
import dev.quarry.diagram.Diagram.Edge;
import dev.quarry.diagram.Diagram.Mark;
import dev.quarry.diagram.Diagram.Row;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@link Diagram} of a resolved schema, in the schema's order; {@code @@ignore}d models and fields are left
 * out, as the API leaves them out.
 */
public final class DiagramBuilder {

    private DiagramBuilder() {}

    public static Diagram of(Schema schema) {
        List<Box> boxes = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (Model model : schema.models()) {
            if (model.ignored()) {
                continue;
            }
            shown.add(model.name());
            boxes.add(box(schema, model));
        }
        List<Edge> edges = new ArrayList<>();
        for (Relation relation : schema.relations()) {
            if (shown.contains(relation.referencedModel()) && shown.contains(relation.referencingModel())) {
                edges.add(edge(schema, relation));
            }
        }
        return new Diagram(boxes, edges);
    }

    private static Box box(Schema schema, Model model) {
        Set<String> primary =
                model.primaryKey().map(pk -> Set.copyOf(pk.fieldNames())).orElse(Set.of());
        Set<String> unique = model.uniques().stream()
                .map(UniqueConstraint::fieldNames)
                .flatMap(List::stream)
                .collect(Collectors.toSet());
        Set<String> foreign = schema.relations().stream()
                .filter(r -> r.kind() != Relation.Kind.MANY_TO_MANY
                        && r.referencingModel().equals(model.name()))
                .flatMap(r -> r.referencingScalars().stream())
                .collect(Collectors.toSet());
        List<Row> rows = new ArrayList<>();
        for (ScalarField field : model.scalarFields()) {
            if (field.ignored()) {
                continue;
            }
            EnumSet<Mark> marks = EnumSet.noneOf(Mark.class);
            if (primary.contains(field.name())) {
                marks.add(Mark.PK);
            }
            if (unique.contains(field.name())) {
                marks.add(Mark.UK);
            }
            if (foreign.contains(field.name())) {
                marks.add(Mark.FK);
            }
            rows.add(new Row(field.name(), typeName(field.type()) + suffix(field.arity()), marks));
        }
        return new Box(model.name(), model.view(), rows);
    }

    /** The type as a schema writes it: {@code String}, an enum's or composite type's name, {@code Unsupported}. */
    public static String typeName(FieldType type) {
        if (type instanceof ScalarType scalar) {
            return scalar.prismaName();
        }
        if (type instanceof FieldType.EnumRef ref) {
            return ref.enumName();
        }
        if (type instanceof FieldType.CompositeRef ref) {
            return ref.typeName();
        }
        return "Unsupported";
    }

    private static String suffix(Arity arity) {
        return arity == Arity.LIST ? "[]" : arity == Arity.OPTIONAL ? "?" : "";
    }

    private static Edge edge(Schema schema, Relation relation) {
        String referencingField = relation.referencingField().orElse("");
        String referencedField = relation.referencedField().orElse("");
        if (relation.kind() == Relation.Kind.MANY_TO_MANY) {
            return new Edge(
                    relation.name(),
                    relation.referencingModel(),
                    relation.referencedModel(),
                    Cardinality.MANY,
                    Cardinality.MANY,
                    referencingField + " / " + referencedField);
        }
        // The foreign key's scalars decide whether a referencing record must have its referenced record.
        Model referencing = schema.model(relation.referencingModel());
        boolean optional = relation.referencingScalars().stream()
                .map(referencing::findScalarField)
                .anyMatch(f -> f.isEmpty() || f.get().isOptional());
        Cardinality fromEnd = optional ? Cardinality.ZERO_OR_ONE : Cardinality.ONE;
        Cardinality toEnd = relation.kind() == Relation.Kind.ONE_TO_ONE ? Cardinality.ZERO_OR_ONE : Cardinality.MANY;
        return new Edge(
                relation.name(),
                relation.referencedModel(),
                relation.referencingModel(),
                fromEnd,
                toEnd,
                referencedField + " / " + referencingField);
    }
}
