package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import dev.quarry.schema.resolve.SourceMap;
import java.util.ArrayList;
import java.util.List;

/** Checks of one-to-one and one-to-many relations: the foreign key's fields. */
final class RelationChecks {

    private final Schema schema;
    private final SourceMap spans;
    private final List<Diagnostic> diagnostics;

    RelationChecks(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
        this.schema = schema;
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    private List<Relation> withForeignKey() {
        return schema.relations().stream()
                .filter(r -> r.kind() != Relation.Kind.MANY_TO_MANY)
                .toList();
    }

    void fieldsExist() {
        for (Relation relation : withForeignKey()) {
            Model referencing = schema.model(relation.referencingModel());
            Model referenced = schema.model(relation.referencedModel());
            String field = relation.referencingField().orElseThrow();
            List<String> missing = relation.referencingScalars().stream()
                    .filter(f -> referencing.findScalarField(f).isEmpty())
                    .toList();
            if (!missing.isEmpty()) {
                diagnostics.add(SchemaErrors.attribute(
                        spans.fieldAttribute(referencing.name(), field, "relation"),
                        "@relation",
                        "The argument fields must refer only to existing fields. The following fields do "
                                + "not exist in this model: " + String.join(", ", missing)));
            }
            List<String> missingReferenced = relation.referencedScalars().stream()
                    .filter(f -> referenced.findScalarField(f).isEmpty())
                    .toList();
            if (!missingReferenced.isEmpty()) {
                diagnostics.add(SchemaErrors.attribute(
                        spans.fieldAttribute(referencing.name(), field, "relation"),
                        "@relation",
                        "The argument `references` must refer only to existing fields in the related model "
                                + "`" + referenced.name()
                                + "`. The following fields do not exist in the related model: "
                                + String.join(", ", missingReferenced)));
            }
            if (relation.referencingScalars().size()
                            != relation.referencedScalars().size()
                    && missing.isEmpty()
                    && missingReferenced.isEmpty()) {
                diagnostics.add(SchemaErrors.attribute(
                        spans.fieldAttribute(referencing.name(), field, "relation"),
                        "@relation",
                        "You must specify the same number of fields in `fields` and `references`."));
            }
        }
    }

    void referencedFieldsAreUnique() {
        for (Relation relation : withForeignKey()) {
            Model referenced = schema.model(relation.referencedModel());
            List<String> references = relation.referencedScalars();
            if (references.isEmpty()
                    || references.stream()
                            .anyMatch(f -> referenced.findScalarField(f).isEmpty())) {
                continue;
            }
            boolean unique = referenced
                            .primaryKey()
                            .map(pk -> sameSet(pk.fieldNames(), references))
                            .orElse(false)
                    || referenced.uniques().stream()
                            .map(UniqueConstraint::fieldNames)
                            .anyMatch(u -> sameSet(u, references));
            if (!unique) {
                String field = relation.referencingField().orElseThrow();
                diagnostics.add(SchemaErrors.field(
                        spans.field(relation.referencingModel(), field),
                        "model",
                        relation.referencingModel(),
                        field,
                        "The argument `references` must refer to a unique criterion in the related model. "
                                + "Consider adding an `@unique` attribute to the field `"
                                + String.join(", ", references) + "` in the model `" + referenced.name() + "`."));
            }
        }
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a.size() == b.size() && a.containsAll(b);
    }

    /** An implicit many-to-many join table points at each side's {@code @id}. */
    void manyToManySidesHaveIds() {
        for (Relation relation : schema.relations()) {
            if (relation.kind() != Relation.Kind.MANY_TO_MANY) {
                continue;
            }
            manyToManySideHasId(
                    relation.referencingModel(), relation.referencingField().orElseThrow(), relation.referencedModel());
            manyToManySideHasId(
                    relation.referencedModel(), relation.referencedField().orElseThrow(), relation.referencingModel());
        }
    }

    private void manyToManySideHasId(String modelName, String field, String relatedName) {
        Model model = schema.model(modelName);
        if (schema.model(relatedName).primaryKey().isPresent()) {
            return;
        }
        String container = model.view() ? "view" : "model";
        diagnostics.add(SchemaErrors.field(
                spans.field(modelName, field),
                container,
                modelName,
                field,
                "The relation field `" + field + "` on " + container
                        + " `" + modelName + "` references `" + relatedName
                        + "` which does not have an `@id` field. Models without `@id` cannot be part of a many to "
                        + "many "
                        + "relation. "
                        + "Use an explicit intermediate Model to represent this relationship."));
    }

    /** PostgreSQL accepts the constraint, but the action fails at run time: Prisma warns. */
    void setNullOnRequiredFields() {
        for (Relation relation : withForeignKey()) {
            Model referencing = schema.model(relation.referencingModel());
            boolean anyRequired = relation.referencingScalars().stream()
                    .anyMatch(f -> referencing
                            .findScalarField(f)
                            .map(ScalarField::isRequired)
                            .orElse(false));
            if (!anyRequired) {
                continue;
            }
            String field = relation.referencingField().orElseThrow();
            var written = referencing.findRelationField(field).orElseThrow();
            boolean emulated = schema.datasource()
                    .map(d -> d.properties().get("relationMode"))
                    .filter(v ->
                            v instanceof ConfigValue.Text text && text.value().equals("prisma"))
                    .isPresent();
            // Without a datasource Prisma cannot know the database enforces the action: an error, as with emulated
            // relations.
            if (emulated || schema.datasource().isEmpty()) {
                for (String action : List.of("onDelete", "onUpdate")) {
                    var value = action.equals("onDelete") ? written.onDelete() : written.onUpdate();
                    if (value.filter(a -> a == ReferentialAction.SET_NULL).isPresent()) {
                        diagnostics.add(SchemaErrors.attribute(
                                spans.fieldAttribute(referencing.name(), field, "relation"),
                                "@relation",
                                "The `" + action
                                        + "` referential action of a relation must not be set to `SetNull` when a "
                                        + "referenced field is required.\n"
                                        + "Either choose another referential action, or make the referenced fields "
                                        + "optional."));
                    }
                }
                continue;
            }
            if (written.onDelete().filter(a -> a == ReferentialAction.SET_NULL).isPresent()) {
                diagnostics.add(SchemaErrors.plainWarning(
                        spans.fieldAttribute(referencing.name(), field, "relation"),
                        "The `onDelete` referential action of a relation should not be set to `SetNull` "
                                + "when a referenced field is required. "
                                + "We recommend either to choose another referential action, or to make the "
                                + "referenced fields optional."));
            }
            if (written.onUpdate().filter(a -> a == ReferentialAction.SET_NULL).isPresent()) {
                diagnostics.add(SchemaErrors.plainWarning(
                        spans.fieldAttribute(referencing.name(), field, "relation"),
                        "The `onUpdate` referential action of a relation should not be set to `SetNull` "
                                + "when a referenced field is required. "
                                + "We recommend either to choose another referential action, or to make the "
                                + "referenced fields optional."));
            }
        }
    }

    /** Quarry's own warning (Prisma is silent): PostgreSQL does not index foreign key columns by itself. */
    void scalarsAreIndexed() {
        for (Relation relation : withForeignKey()) {
            Model referencing = schema.model(relation.referencingModel());
            List<String> scalars = relation.referencingScalars();
            if (scalars.isEmpty()) {
                continue;
            }
            List<List<String>> prefixes = new ArrayList<>();
            referencing.primaryKey().ifPresent(pk -> prefixes.add(pk.fieldNames()));
            referencing.uniques().forEach(u -> prefixes.add(u.fieldNames()));
            referencing.indexes().stream().map(Index::fieldNames).forEach(prefixes::add);
            boolean covered = prefixes.stream()
                    .anyMatch(names -> names.size() >= scalars.size()
                            && names.subList(0, scalars.size()).containsAll(scalars));
            if (!covered) {
                String field = relation.referencingField().orElseThrow();
                diagnostics.add(SchemaErrors.plainWarning(
                        spans.field(referencing.name(), field),
                        "The foreign key of relation field `" + field + "` on model `" + referencing.name() + "` ("
                                + String.join(", ", scalars)
                                + ") has no index; PostgreSQL does not create one. Add `@@index(["
                                + String.join(", ", scalars) + "])` for fast joins and deletes."));
            }
        }
    }
}
