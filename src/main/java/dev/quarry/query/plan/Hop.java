package dev.quarry.query.plan;

import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;

/** One step along a relation: from a row of {@code from}, through {@code field}, to rows of {@code to}. */
public record Hop(Model from, RelationField field, Relation relation, Model to) {

    /** True when {@code from} holds the foreign key of this one-to-one or one-to-many relation. */
    public boolean fromHoldsForeignKey() {
        return relation.kind() != Relation.Kind.MANY_TO_MANY
                && relation.referencingModel().equals(from.name())
                && relation.referencingField().filter(field.name()::equals).isPresent();
    }

    /** True when {@code from} is column {@code A} of an implicit many-to-many join table. */
    public boolean fromIsJoinColumnA() {
        return relation.referencingModel().equals(from.name())
                && relation.referencingField().filter(field.name()::equals).isPresent();
    }

    public boolean toMany() {
        return field.isList();
    }
}
