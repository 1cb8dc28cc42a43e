package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A field whose type is another model. {@code fields}/{@code references} are as written in
 * {@code @relation(fields: […], references: […])}, so they are empty on the back-relation side and
 * on both sides of an implicit many-to-many. The resolved picture is the {@link Relation}
 * ({@link Schema#relationOf}).
 *
 * @param relationName the {@code @relation("name")} value, else Prisma's generated name
 * @param onDelete     as written; the effective action (with Prisma's defaults) is on {@link Relation}
 * @param map          the {@code map:} argument (foreign key constraint name)
 */
public record RelationField(
        String name,
        String relatedModel,
        Arity arity,
        String relationName,
        List<String> fields,
        List<String> references,
        Optional<ReferentialAction> onDelete,
        Optional<ReferentialAction> onUpdate,
        Optional<String> map,
        boolean ignored,
        Optional<String> documentation)
        implements Field {

    public RelationField {
        fields = List.copyOf(fields);
        references = List.copyOf(references);
    }
}
