package dev.quarry.generate.typescript;

import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The models, fields and relations the client offers: what the service serves, without ignored or unsupported
 * parts.
 */
record ClientModels(Schema schema, List<Model> models) {

    static ClientModels of(Schema schema) {
        return new ClientModels(
                schema, schema.models().stream().filter(m -> !m.ignored()).toList());
    }

    boolean served(String modelName) {
        return models.stream().anyMatch(m -> m.name().equals(modelName));
    }

    List<ScalarField> scalars(Model model) {
        return model.scalarFields().stream()
                .filter(f -> !f.ignored()
                        && !(f.type() instanceof FieldType.Unsupported)
                        && !(f.type() instanceof FieldType.CompositeRef))
                .toList();
    }

    List<RelationField> relations(Model model) {
        return model.relationFields().stream()
                .filter(f -> !f.ignored() && served(f.relatedModel()))
                .toList();
    }

    /**
     * The scalar fields that hold a relation's foreign key on this side: the checked inputs set them through the
     * relation.
     */
    Set<String> foreignKeys(Model model) {
        return relations(model).stream().flatMap(r -> r.fields().stream()).collect(Collectors.toSet());
    }

    /**
     * The field on the other side of {@code relation}: what a nested write leaves out ({@code
     * PostCreateWithoutAuthorInput}).
     */
    Optional<RelationField> backRelation(Model model, RelationField relation) {
        Model related = model(relation.relatedModel());
        return relations(related).stream()
                .filter(r -> r.relationName().equals(relation.relationName())
                        && r.relatedModel().equals(model.name()))
                .filter(r -> r != relation && !(related == model && r.name().equals(relation.name())))
                .findFirst();
    }

    Model model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** A create must give the field: required, no default, not set by {@code @updatedAt}. */
    static boolean requiredInCreate(ScalarField field) {
        return field.isRequired() && field.defaultValue().isEmpty() && !field.updatedAt();
    }
}
