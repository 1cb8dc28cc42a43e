package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.util.List;
import java.util.stream.Collectors;

/** Checks of one model at a time. */
final class ModelChecks {

    private final Schema schema;
    private final Spans spans;
    private final List<Diagnostic> diagnostics;

    ModelChecks(Schema schema, Spans spans, List<Diagnostic> diagnostics) {
        this.schema = schema;
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    /** Every model needs an id or a unique criterion made of required fields. */
    void uniqueCriteria() {
        for (Model model : schema.models()) {
            if (model.view() || model.ignored() || model.primaryKey().isPresent()) {
                continue;
            }
            boolean strictUnique = model.uniques().stream().anyMatch(u -> u.fieldNames().stream()
                    .allMatch(f -> model.findScalarField(f).map(ScalarField::isRequired).orElse(false)));
            if (!strictUnique) {
                diagnostics.add(SchemaErrors.model(spans.model(model.name()), "model", model.name(),
                        "Each model must have at least one unique criteria that has only required fields. Either mark a single field with `@id`, "
                                + "`@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` to the model."));
            }
        }
    }

    void constraintFieldsExist() {
        for (Model model : schema.models()) {
            model.primaryKey().filter(pk -> pk.fields().size() > 1 || model.findScalarField(pk.fieldNames().get(0)).isEmpty()).ifPresent(pk ->
                    check(model, pk.fieldNames(), "id", 0, "The multi field id declaration refers to the unknown fields: "));
            int unique = 0;
            for (UniqueConstraint constraint : model.uniques()) {
                if (!constraint.fieldLevel()) {
                    check(model, constraint.fieldNames(), "unique", unique++, "The unique index definition refers to the unknown fields: ");
                }
            }
            int index = 0;
            int fulltext = 0;
            for (Index idx : model.indexes()) {
                if (idx.fulltext()) {
                    check(model, idx.fieldNames(), "fulltext", fulltext++, "The index definition refers to the unknown fields: ");
                } else {
                    check(model, idx.fieldNames(), "index", index++, "The index definition refers to the unknown fields: ");
                }
            }
        }
    }

    private void check(Model model, List<String> fieldNames, String attribute, int n, String message) {
        List<String> relationFields = fieldNames.stream().filter(f -> model.findRelationField(f).isPresent()).toList();
        if (!relationFields.isEmpty()) {
            String suggestion = relationFields.stream().flatMap(f -> model.findRelationField(f).orElseThrow().fields().stream()).collect(Collectors.joining(", "));
            String kind = attribute.equals("id") ? "id" : attribute.equals("unique") ? "unique index" : "index";
            diagnostics.add(SchemaErrors.model(spans.blockAttribute(model.name(), attribute, n), "model", model.name(),
                    "The " + kind + " definition refers to the relation fields " + String.join(", ", relationFields) + ". " + capitalize(kind)
                            + " definitions must reference only scalar fields." + (suggestion.isEmpty() ? "" : " Did you mean `@@" + attribute + "([" + suggestion + "])`?")));
            return;
        }
        List<String> unknown = fieldNames.stream().filter(f -> model.findField(f).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            diagnostics.add(SchemaErrors.model(spans.blockAttribute(model.name(), attribute, n), "model", model.name(), message + String.join(", ", unknown) + "."));
        }
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    void updatedAtIsDateTime() {
        for (Model model : schema.models()) {
            for (ScalarField field : model.scalarFields()) {
                if (field.updatedAt() && field.type() != ScalarType.DATETIME) {
                    diagnostics.add(SchemaErrors.attribute(spans.fieldAttribute(model.name(), field.name(), "updatedAt"), "@updatedAt",
                            "Fields that are marked with @updatedAt must be of type DateTime."));
                }
            }
        }
    }
}
