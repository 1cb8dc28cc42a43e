package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A resolved relation between two models (or a model and itself).
 *
 * <p>For {@link Kind#ONE_TO_ONE} and {@link Kind#ONE_TO_MANY}, the <em>referencing</em> side holds the
 * foreign key ({@code @relation(fields: [referencingScalars], references: [referencedScalars])}) and
 * the <em>referenced</em> side is the model it points to. {@code referencedField} (the back-relation
 * field) is present in every relation Prisma accepts.
 *
 * <p>For {@link Kind#MANY_TO_MANY} (implicit), the join table is {@link #joinTableName()}:
 * column {@code A} points to the referencing model, column {@code B} to the referenced model, as
 * Prisma orders them (model names alphabetically; for a self-relation, field names alphabetically).
 * The scalars are each model's {@code @id} fields.
 *
 * @param onDelete the effective action, Prisma's default applied when none is written
 * @param onUpdate the effective action, Prisma's default applied when none is written
 * @param foreignKeyName the {@code map:} of the foreign key, if written
 */
public record Relation(
        String name,
        Kind kind,
        String referencingModel,
        Optional<String> referencingField,
        List<String> referencingScalars,
        String referencedModel,
        Optional<String> referencedField,
        List<String> referencedScalars,
        ReferentialAction onDelete,
        ReferentialAction onUpdate,
        Optional<String> foreignKeyName) {

    public enum Kind {
        ONE_TO_ONE,
        ONE_TO_MANY,
        MANY_TO_MANY
    }

    public Relation {
        referencingScalars = List.copyOf(referencingScalars);
        referencedScalars = List.copyOf(referencedScalars);
    }

    public boolean has(String model, String field) {
        return (referencingModel.equals(model)
                        && referencingField.filter(field::equals).isPresent())
                || (referencedModel.equals(model)
                        && referencedField.filter(field::equals).isPresent());
    }

    public boolean isSelfRelation() {
        return referencingModel.equals(referencedModel);
    }

    /** {@code _CategoryToPost} for an implicit many-to-many relation named {@code CategoryToPost}. */
    public String joinTableName() {
        if (kind != Kind.MANY_TO_MANY) {
            throw new IllegalStateException(name + " is not many-to-many");
        }
        return "_" + name;
    }
}
