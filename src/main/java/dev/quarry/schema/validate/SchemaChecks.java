package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.SourceMap;
import java.util.List;

/**
 * Multi-schema: every {@code @@schema} names a schema of the datasource, and with schemas declared every block has
 * one.
 */
final class SchemaChecks {

    private final Schema schema;
    private final SourceMap spans;
    private final List<Diagnostic> diagnostics;

    SchemaChecks(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
        this.schema = schema;
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    void schemaAttributes() {
        List<String> declared = schema.datasource().map(d -> d.schemas()).orElse(List.of());
        for (Model model : schema.models()) {
            String kind = model.view() ? "view" : "model";
            if (model.dbSchema().isPresent()
                    && !declared.contains(model.dbSchema().get())) {
                diagnostics.add(SchemaErrors.plain(
                        spans.blockAttribute(model.name(), "schema", 0),
                        "This schema is not defined in the datasource. Read more on `@@schema` at "
                                + "https://pris.ly/d/multi-schema"));
            } else if (model.dbSchema().isEmpty() && !declared.isEmpty()) {
                diagnostics.add(SchemaErrors.model(
                        spans.model(model.name()),
                        kind,
                        model.name(),
                        "This " + kind + " is missing an `@@schema` attribute."));
            }
        }
        for (EnumType enumType : schema.enums()) {
            if (enumType.dbSchema().isPresent()
                    && !declared.contains(enumType.dbSchema().get())) {
                diagnostics.add(SchemaErrors.plain(
                        spans.blockAttribute(enumType.name(), "schema", 0),
                        "This schema is not defined in the datasource. Read more on `@@schema` at "
                                + "https://pris.ly/d/multi-schema"));
            } else if (enumType.dbSchema().isEmpty() && !declared.isEmpty()) {
                diagnostics.add(SchemaErrors.plain(
                        spans.model(enumType.name()), "This enum is missing an `@@schema` attribute."));
            }
        }
    }
}
