package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.SourceMap;
import java.util.List;

/** Checks of one model at a time. */
final class ModelChecks {

    private final Schema schema;
    private final SourceMap spans;
    private final List<Diagnostic> diagnostics;

    ModelChecks(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
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
            boolean strictUnique = model.uniques().stream()
                    .anyMatch(u -> u.fieldNames().stream()
                            .allMatch(f -> model.findScalarField(f)
                                    .map(ScalarField::isRequired)
                                    .orElse(false)));
            if (!strictUnique) {
                diagnostics.add(SchemaErrors.model(
                        spans.model(model.name()),
                        "model",
                        model.name(),
                        "Each model must have at least one unique criteria that has only required fields. "
                                + "Either mark a single field with `@id`, "
                                + "`@unique` or add a multi field criterion with `@@id([])` or `@@unique([])` to the "
                                + "model."));
            }
        }
    }

    void updatedAtIsDateTime() {
        for (Model model : schema.models()) {
            for (ScalarField field : model.scalarFields()) {
                if (field.updatedAt() && field.type() != ScalarType.DATETIME) {
                    diagnostics.add(SchemaErrors.attribute(
                            spans.fieldAttribute(model.name(), field.name(), "updatedAt"),
                            "@updatedAt",
                            "Fields that are marked with @updatedAt must be of type DateTime."));
                }
            }
        }
    }
}
